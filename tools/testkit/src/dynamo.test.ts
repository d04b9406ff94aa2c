// dynalite behind the transaction proxy, reached by the real DynamoDB client: a transaction is
// all or nothing, says which item refused, and transactions on other items go side by side.
import {
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDynamo, startLocalDynamo } from './dynamo.js';

const TABLE = 'testkit-ledger';

describe('dynalite with TransactWriteItems', () => {
  let dynamo: LocalDynamo;
  let client: DynamoDBClient;
  beforeAll(async () => {
    dynamo = await startLocalDynamo();
    await dynamo.createLedgerTable(TABLE);
    client = dynamo.client;
  });
  afterAll(() => dynamo.close());

  const put = (id: string, n: number, onlyIfNew = false) => ({
    Put: {
      TableName: TABLE,
      Item: { id: { S: id }, n: { N: String(n) } },
      ...(onlyIfNew ? { ConditionExpression: 'attribute_not_exists(id)' } : {}),
    },
  });
  const read = async (id: string) =>
    (await client.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: id } } }))).Item?.n
      ?.N;

  it('applies every item, or none and names the one that refused', async () => {
    await client.send(new TransactWriteItemsCommand({ TransactItems: [put('a', 1), put('b', 1)] }));
    expect([await read('a'), await read('b')]).toEqual(['1', '1']);
    const refused = await client
      .send(new TransactWriteItemsCommand({ TransactItems: [put('a', 2), put('b', 2, true)] }))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TransactionCanceledException);
    expect(
      (refused as TransactionCanceledException).CancellationReasons?.map((r) => r.Code),
    ).toEqual(['None', 'ConditionalCheckFailed']);
    // The first item's write is undone.
    expect([await read('a'), await read('b')]).toEqual(['1', '1']);
  });

  it('lets only one of two racing create-if-new transactions on an item win', async () => {
    const race = await Promise.allSettled(
      [1, 2].map((n) =>
        client.send(new TransactWriteItemsCommand({ TransactItems: [put('race', n, true)] })),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('runs many transactions on other items side by side, each applied once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.send(new TransactWriteItemsCommand({ TransactItems: [put(`many-${i}`, i, true)] })),
      ),
    );
    await client.send(
      new PutItemCommand({ TableName: TABLE, Item: { id: { S: 'plain' }, n: { N: '7' } } }),
    );
    expect(await read('many-19')).toBe('19');
    expect(await read('plain')).toBe('7');
  });
});
