/**
 * TEST AND LOCAL USE ONLY: dynalite (an in-memory DynamoDB) on 127.0.0.1 with the ledger table.
 * @module
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { type DynaliteHandler, startTransactProxy } from './transactProxy.js';

/** A running dynalite. */
export interface LocalDynamo {
  readonly endpoint: string;
  /** A client of `endpoint` with the local credentials; closed with the server. */
  readonly client: DynamoDBClient;
  /** Create a table keyed like the ledger (partition key `id`, a string). */
  createLedgerTable(name: string): Promise<void>;
  /** Stop the server. */
  close(): Promise<void>;
}

/** Start dynalite on a free loopback port. */
export async function startLocalDynamo(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // dynalite lacks TransactWriteItems; the proxy adds it (see transactProxy.ts) and hands every
  // other request to dynalite's handler in this process.
  const [handle] = server.listeners('request') as DynaliteHandler[];
  if (!handle) throw new Error('dynalite created a server without a request handler');
  const proxy = await startTransactProxy(
    `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handle,
  );
  const endpoint = proxy.endpoint;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'LOCAL', secretAccessKey: 'LOCAL' },
  });
  return {
    endpoint,
    client,
    async createLedgerTable(name) {
      await client.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    },
    async close() {
      client.destroy();
      await proxy.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
