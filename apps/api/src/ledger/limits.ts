/**
 * Rate limits kept in the ledger table, so every instance (every Lambda, every Node process)
 * shares them: one item per rule, key and fixed window (`limit#{rule}#{window}#{hash}`), counted
 * with one conditional `UpdateItem` (`ADD hits` only while `hits < limit`): atomic, O(1) per
 * request, and a refused attempt writes nothing, so it spends nothing. Items expire through the
 * table's TTL attribute (`expiration`) a minute after their window ends. Keys (client addresses,
 * email addresses) are stored only as SHA-256 digests.
 * @module
 */
import { createHash } from 'node:crypto';
import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { FulfilmentError } from '../fulfilment/errors.js';

/** One limit: at most `limit` attempts per key in each fixed window of `windowMs`. */
export interface LimitRule {
  /** Short stable name, part of the item id (`resend`, `checkout`, …). */
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
}

/** What {@link Limits.take} decided. */
export interface LimitDecision {
  readonly ok: boolean;
  /** Seconds until the current window ends (for `Retry-After`). */
  readonly retryAfter: number;
}

function itemId(rule: LimitRule, key: string, window: number): string {
  const digest = createHash('sha256').update(key, 'utf8').digest('base64url').slice(0, 32);
  return `limit#${rule.name}#${window}#${digest}`;
}

/** Counters over the ledger table. */
export class Limits {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Count one attempt for `key` under `rule`, unless the window's count already reached the limit
   * (then nothing is written).
   * @throws {FulfilmentError} upstream_unavailable when DynamoDB cannot be reached
   */
  async take(rule: LimitRule, key: string): Promise<LimitDecision> {
    const at = this.now();
    const window = Math.floor(at / rule.windowMs);
    const endsAt = (window + 1) * rule.windowMs;
    const retryAfter = Math.max(1, Math.ceil((endsAt - at) / 1000));
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: { id: { S: itemId(rule, key, window) } },
          UpdateExpression: 'ADD hits :one SET expiration = if_not_exists(expiration, :expiration)',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeValues: {
            ':one': { N: '1' },
            ':limit': { N: String(rule.limit) },
            ':expiration': { N: String(Math.ceil(endsAt / 1000) + 60) },
          },
        }),
      );
      return { ok: true, retryAfter };
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') {
        return { ok: false, retryAfter };
      }
      throw limitsUnavailable(error);
    }
  }

  /**
   * Give back one attempt taken in the current window (the work it paid for did not happen).
   * Best effort: a failure only leaves the attempt counted.
   */
  async giveBack(rule: LimitRule, key: string): Promise<void> {
    const window = Math.floor(this.now() / rule.windowMs);
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: { id: { S: itemId(rule, key, window) } },
          UpdateExpression: 'ADD hits :minusOne',
          ConditionExpression: 'hits > :zero',
          ExpressionAttributeValues: { ':minusOne': { N: '-1' }, ':zero': { N: '0' } },
        }),
      );
    } catch {
      // Counted once too often: the limit errs on the side of fewer mails.
    }
  }
}

function limitsUnavailable(error: unknown): FulfilmentError {
  const kind = error instanceof Error ? error.name : typeof error;
  return new FulfilmentError(
    'upstream_unavailable',
    `the rate-limit ledger could not be reached (${kind}); try again in a minute`,
    30,
  );
}
