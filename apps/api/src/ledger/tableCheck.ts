/**
 * The start-up check of the ledger table: it exists and is keyed by `id` (a string). Without it
 * a missing table is found only when the first buyer arrives.
 * @module
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { ConfigError } from '../config/config.js';
import type { Ledger } from './ledger.js';

/**
 * Check that the ledger table can be used.
 * @param ledger - the ledger, with its client and table name
 * @throws {ConfigError} naming LEDGER_TABLE: missing, keyed otherwise, or not reachable
 */
export async function checkLedgerTable(ledger: Ledger): Promise<void> {
  const name = ledger.table;
  let table: Awaited<ReturnType<typeof describe>>;
  try {
    table = await describe(ledger);
  } catch (error) {
    const kind = (error as Error | null)?.name ?? 'unknown error';
    const region = await ledger.client.config.region().catch(() => 'the configured region');
    throw new ConfigError(
      [
        kind === 'ResourceNotFoundException'
          ? `LEDGER_TABLE: the table "${name}" does not exist in ${region}; create it (partition key "id", a string) or correct LEDGER_TABLE, AWS_REGION or DYNAMODB_ENDPOINT`
          : `LEDGER_TABLE: the table "${name}" could not be checked (${kind}); check AWS_REGION, the credentials (dynamodb:DescribeTable) and DYNAMODB_ENDPOINT`,
      ],
      { cause: error },
    );
  }
  const hash = table?.KeySchema?.find((key) => key.KeyType === 'HASH')?.AttributeName;
  const type = table?.AttributeDefinitions?.find((a) => a.AttributeName === hash)?.AttributeType;
  if (hash !== 'id' || type !== 'S' || (table?.KeySchema?.length ?? 0) !== 1) {
    throw new ConfigError([
      `LEDGER_TABLE: the table "${name}" must have only a partition key "id" of type string (S); it has ${hash ?? 'none'} (${type ?? '?'})`,
    ]);
  }
}

async function describe(ledger: Ledger) {
  return (await ledger.client.send(new DescribeTableCommand({ TableName: ledger.table }))).Table;
}
