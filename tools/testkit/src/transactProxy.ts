/**
 * TEST AND LOCAL USE ONLY: dynalite 4 answers `TransactWriteItems` with
 * UnknownOperationException, so this proxy in front of it provides the operation at the wire,
 * with DynamoDB's semantics for what the API uses: a transaction applies its Put, Update and
 * Delete items in order through dynalite's own conditional writes and, when one is refused,
 * restores the items already written and answers `TransactionCanceledException` with one
 * `CancellationReasons` entry per item (`ConditionalCheckFailed` for the refused one, `None` for
 * the others). Tables are keyed by `id` (the ledger's key). `ConditionCheck` items are refused.
 * Every other operation is forwarded unchanged.
 *
 * Isolation: a transaction is several dynalite writes, so nothing may see or touch its items in
 * between. Requests wait by item, in arrival order (itemLocks.ts): a transaction waits for the
 * earlier requests naming its items, and a single-item request (GetItem, PutItem, UpdateItem,
 * DeleteItem) for the earlier transactions on its item; single-item requests do not wait for one
 * another (dynalite makes each atomic). One that may read any item (Scan, Query, BatchGetItem, …)
 * waits for the transactions in flight, and a transaction waits for those. Requests on other
 * items run side by side, as on DynamoDB.
 *
 * Every other request is handed to dynalite's own request handler in this process, with the
 * response the proxy answers on: forwarding it over HTTP cost a second request, parse and socket
 * round trip per ledger call in this process, which the API's latency measurements paid for.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import {
  type AttributeValue,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { createItemLocks, type LockScope } from './itemLocks.js';

/** A running proxy. */
export interface TransactProxy {
  readonly endpoint: string;
  close(): Promise<void>;
}

type Item = Record<string, AttributeValue>;
interface Common {
  TableName: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
}
interface TransactItem {
  Put?: Common & { Item: Item };
  Update?: Common & { Key: Item; UpdateExpression: string };
  Delete?: Common & { Key: Item };
  ConditionCheck?: unknown;
}

/** The items a request names (`table` + `id`), or `any` when it may read any item. */
function scopeOf(operation: string, body: Buffer): LockScope {
  let request: { TableName?: string; Key?: Item; Item?: Item; TransactItems?: TransactItem[] };
  try {
    request = JSON.parse(body.toString('utf8') || '{}');
  } catch {
    return 'any'; // not JSON: dynalite (or the transaction) answers the error, isolated anyway
  }
  const itemKey = (table: string | undefined, id: AttributeValue | undefined) =>
    `${table}\u0000${JSON.stringify(id ?? null)}`;
  switch (operation) {
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return { transaction: false, items: [itemKey(request.TableName, request.Key?.id)] };
    case 'PutItem':
      return { transaction: false, items: [itemKey(request.TableName, request.Item?.id)] };
    case 'TransactWriteItems':
      return {
        transaction: true,
        items: (Array.isArray(request.TransactItems) ? request.TransactItems : []).map((item) => {
          const op = item.Put ?? item.Update ?? item.Delete;
          const key = item.Put ? item.Put.Item : (op as { Key?: Item } | undefined)?.Key;
          return itemKey(op?.TableName, key?.id);
        }),
      };
    default:
      return 'any';
  }
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

function awsError(res: ServerResponse, type: string, message: string, extra: object = {}) {
  res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
  res.end(
    JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message, ...extra }),
  );
}

/** dynalite's request handler (the listener of the server `dynalite()` returns). */
export type DynaliteHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Start the proxy in front of dynalite.
 * @param target - dynalite's origin, for the transactions' own reads and writes
 * @param handle - dynalite's request handler, which answers every other request
 */
export async function startTransactProxy(
  target: string,
  handle: DynaliteHandler,
): Promise<TransactProxy> {
  const direct = new DynamoDBClient({
    endpoint: target,
    region: 'us-east-1',
    credentials: { accessKeyId: 'LOCAL', secretAccessKey: 'LOCAL' },
  });
  const locks = createItemLocks();

  // The proxy has read the body (to find the items); dynalite reads it again from this stand-in
  // request, which carries what dynalite looks at: method, url, headers.
  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse) =>
    new Promise<void>((resolve) => {
      const again = Object.assign(Readable.from([body], { objectMode: false }), {
        method: req.method,
        url: req.url,
        headers: req.headers,
      });
      res.once('finish', resolve);
      res.once('close', resolve);
      handle(again as unknown as IncomingMessage, res);
    });

  async function transact(body: Buffer, res: ServerResponse) {
    const items = (JSON.parse(body.toString('utf8')) as { TransactItems?: TransactItem[] })
      .TransactItems;
    if (!Array.isArray(items) || items.length === 0 || items.length > 100) {
      awsError(res, 'ValidationException', 'TransactItems must hold 1 to 100 items');
      return;
    }
    const undo: { table: string; key: Item; before: Item | undefined }[] = [];
    const reasons: { Code: string; Message?: string }[] = items.map(() => ({ Code: 'None' }));
    for (const [index, item] of items.entries()) {
      const op = item.Put ?? item.Update ?? item.Delete;
      if (!op || item.ConditionCheck) {
        awsError(res, 'ValidationException', 'the test proxy supports Put, Update and Delete');
        return;
      }
      const key = item.Put ? { id: item.Put.Item.id as AttributeValue } : (op as { Key: Item }).Key;
      const { Item: before } = await direct.send(
        new GetItemCommand({ TableName: op.TableName, Key: key, ConsistentRead: true }),
      );
      try {
        if (item.Put) await direct.send(new PutItemCommand(item.Put));
        else if (item.Update) await direct.send(new UpdateItemCommand(item.Update));
        else if (item.Delete) await direct.send(new DeleteItemCommand(item.Delete));
        undo.push({ table: op.TableName, key, before });
      } catch (error) {
        for (const step of undo.reverse()) {
          if (step.before) {
            await direct.send(new PutItemCommand({ TableName: step.table, Item: step.before }));
          } else {
            await direct.send(new DeleteItemCommand({ TableName: step.table, Key: step.key }));
          }
        }
        if ((error as Error).name !== 'ConditionalCheckFailedException') {
          awsError(res, (error as Error).name, (error as Error).message);
          return;
        }
        reasons[index] = {
          Code: 'ConditionalCheckFailed',
          Message: 'The conditional request failed',
        };
        awsError(
          res,
          'TransactionCanceledException',
          `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
          { CancellationReasons: reasons },
        );
        return;
      }
    }
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    res.end('{}');
  }

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const operation = String(req.headers['x-amz-target'] ?? '').replace(/^DynamoDB_\d+\./, '');
      await locks
        .run(scopeOf(operation, body), () =>
          operation === 'TransactWriteItems' ? transact(body, res) : forward(req, body, res),
        )
        .catch((error: unknown) => {
          if (!res.headersSent) awsError(res, 'InternalServerError', String(error));
        });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      direct.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
