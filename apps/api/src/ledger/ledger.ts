/**
 * The fulfilment ledger: one DynamoDB table holding the Powertools idempotency records of sent
 * license emails (`fulfilment#…`, written COMPLETED only after SMTP accepted the mail) and the
 * refunds and disputes recorded from Stripe events (`refund#{sessionId}`).
 * @module
 */

import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import {
  DynamoDBClient,
  type DynamoDBClientConfig,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Config } from '../config/config.js';
import { FulfilmentError } from '../fulfilment/errors.js';

/** Why a purchase stopped being valid. */
export type RefundReason = 'refund' | 'dispute';

/** A recorded refund or dispute. */
export interface RefundRecord {
  readonly sessionId: string;
  readonly reason: RefundReason;
  /** Unix seconds when it was recorded. */
  readonly recordedAt: number;
  /** The Stripe event that reported it. */
  readonly eventId: string;
}

function ledgerUnavailable(error: unknown): FulfilmentError {
  const kind = error instanceof Error ? error.name : typeof error;
  return new FulfilmentError(
    'upstream_unavailable',
    `the fulfilment ledger could not be reached (${kind}); try again in a minute`,
    30,
  );
}

/** Read and write the ledger table. */
export class Ledger {
  readonly client: DynamoDBClient;
  readonly table: string;

  constructor(client: DynamoDBClient, table: string) {
    this.client = client;
    this.table = table;
  }

  /** The Powertools persistence layer over the same table and client. */
  persistence(): DynamoDBPersistenceLayer {
    return new DynamoDBPersistenceLayer({ tableName: this.table, awsSdkV3Client: this.client });
  }

  /**
   * Record that a purchase was refunded or disputed; idempotent (the first record stays).
   * @throws {FulfilmentError} upstream_unavailable when DynamoDB cannot be reached
   */
  async recordRefund(record: RefundRecord): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: {
            id: { S: `refund#${record.sessionId}` },
            reason: { S: record.reason },
            recordedAt: { N: String(record.recordedAt) },
            eventId: { S: record.eventId },
          },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return;
      throw ledgerUnavailable(error);
    }
  }

  /**
   * The refund or dispute recorded for a purchase, if any.
   * @throws {FulfilmentError} upstream_unavailable when DynamoDB cannot be reached
   */
  async refundOf(sessionId: string): Promise<RefundRecord | null> {
    try {
      const { Item } = await this.client.send(
        new GetItemCommand({
          TableName: this.table,
          Key: { id: { S: `refund#${sessionId}` } },
          ConsistentRead: true,
        }),
      );
      if (!Item) return null;
      return {
        sessionId,
        reason: Item.reason?.S === 'dispute' ? 'dispute' : 'refund',
        recordedAt: Number(Item.recordedAt?.N ?? 0),
        eventId: Item.eventId?.S ?? '',
      };
    } catch (error) {
      throw ledgerUnavailable(error);
    }
  }
}

/**
 * Create the ledger for the configured table (and dynalite endpoint, locally).
 * @param config - validated configuration
 */
export function createLedger(config: Config): Ledger {
  const clientConfig: DynamoDBClientConfig = {
    region: config.region,
    // Two attempts, each bounded: a ledger that accepts and never answers costs a request at most
    // 2 × (connect + request timeout) plus the SDK's short back-off, then upstream_unavailable.
    maxAttempts: 2,
    // Build each command's middleware chain once, not on every call (the client's middleware is
    // all added at construction; no call passes options of its own).
    cacheMiddleware: true,
    requestHandler: {
      connectionTimeout: config.ledgerConnectTimeoutMs,
      requestTimeout: config.ledgerTimeoutMs,
      // Without this the SDK only logs a warning when requestTimeout passes, and keeps waiting.
      throwOnRequestTimeout: true,
    },
  };
  if (config.dynamodbEndpoint) {
    clientConfig.endpoint = config.dynamodbEndpoint;
    // dynalite accepts any signature; keep a local run free of real AWS credentials.
    if (!process.env.AWS_ACCESS_KEY_ID)
      clientConfig.credentials = { accessKeyId: 'LOCAL', secretAccessKey: 'LOCAL' };
  }
  return new Ledger(new DynamoDBClient(clientConfig), config.ledgerTable);
}
