/**
 * TEST ONLY: a dynalite ledger table for one suite, started before its tests and stopped after,
 * for modules tested without HTTP (they take a client and a table name).
 * @module
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type LocalDynamo, startLocalDynamo } from '@local-memory/testkit/dynamo';
import { afterAll, beforeAll } from 'vitest';

/** The suite's table; `client` may be read once the suite's `beforeAll` has run. */
export interface SuiteLedger {
  readonly client: DynamoDBClient;
  readonly table: string;
}

/**
 * Register the suite's dynalite and ledger table.
 * @param prefix - names the table (`<prefix>-<pid>`)
 */
export function useLedgerTable(prefix: string): SuiteLedger {
  const table = `${prefix}-${process.pid}`;
  let dynamo: LocalDynamo | undefined;
  let client: DynamoDBClient | undefined;
  beforeAll(async () => {
    dynamo = await startLocalDynamo();
    await dynamo.createLedgerTable(table);
    client = dynamo.client;
  });
  afterAll(async () => {
    await dynamo?.close();
  });
  return {
    table,
    get client() {
      if (client === undefined)
        throw new Error('useLedgerTable: the client exists once beforeAll ran');
      return client;
    },
  };
}
