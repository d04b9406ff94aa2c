/**
 * License-email intents in the ledger table (`mail#{sessionId}`): written before the SMTP
 * exchange, completed with the server's message id after it. They make "exactly once" exact when
 * SMTP accepted a mail and the ledger then failed to record it: the next delivery finds the intent
 * and does not send again blindly.
 *
 * The rule: an intent with a message id means sent. An intent without one means the outcome is
 * unknown (the process stopped, or the ledger failed, after the mail may have been accepted); it
 * is never resent automatically, but logged as `license email outcome unknown` (an operator alarm)
 * and answered as such, and the buyer can still get the key by resend (`POST /api/purchases/resend`).
 * A send the mail server refused removes its intent, so Stripe's redelivery sends it.
 * @module
 */
import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { FulfilmentError } from '../fulfilment/errors.js';

/** What {@link MailIntents.begin} found. */
export type IntentState =
  | { readonly state: 'new' }
  | { readonly state: 'sent'; readonly messageId: string }
  | { readonly state: 'unknown'; readonly intentAt: number };

/** Keep intents as long as the fulfilment records: five years. */
const RETENTION_SECONDS = 5 * 366 * 24 * 3600;

/** Intent records over the ledger table. */
export class MailIntents {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  /**
   * Record the intent to send the license email of `sessionId`, unless one exists.
   * @param at - unix seconds
   * @returns `new` when recorded now, else what the earlier attempt left
   * @throws {FulfilmentError} upstream_unavailable when DynamoDB cannot be reached
   */
  async begin(sessionId: string, at: number): Promise<IntentState> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: {
            id: { S: `mail#${sessionId}` },
            intentAt: { N: String(at) },
            expiration: { N: String(at + RETENTION_SECONDS) },
          },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
      return { state: 'new' };
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw unavailable(error);
    }
    let item: Record<string, { S?: string; N?: string }> | undefined;
    try {
      ({ Item: item } = await this.client.send(
        new GetItemCommand({
          TableName: this.table,
          Key: { id: { S: `mail#${sessionId}` } },
          ConsistentRead: true,
        }),
      ));
    } catch (error) {
      throw unavailable(error);
    }
    const messageId = item?.messageId?.S;
    if (messageId) return { state: 'sent', messageId };
    return { state: 'unknown', intentAt: Number(item?.intentAt?.N ?? 0) };
  }

  /**
   * Complete the intent with the id the mail server gave the message.
   * @throws {FulfilmentError} upstream_unavailable when DynamoDB cannot be reached
   */
  async complete(sessionId: string, messageId: string, at: number): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: { id: { S: `mail#${sessionId}` } },
          UpdateExpression: 'SET messageId = :messageId, sentAt = :at',
          ExpressionAttributeValues: { ':messageId': { S: messageId }, ':at': { N: String(at) } },
        }),
      );
    } catch (error) {
      throw unavailable(error);
    }
  }

  /**
   * Remove an intent whose mail the server refused (so a redelivery sends it).
   * @throws {FulfilmentError} upstream_unavailable when DynamoDB cannot be reached
   */
  async abandon(sessionId: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.table,
          Key: { id: { S: `mail#${sessionId}` } },
          ConditionExpression: 'attribute_not_exists(messageId)',
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return;
      throw unavailable(error);
    }
  }
}

function unavailable(error: unknown): FulfilmentError {
  const kind = error instanceof Error ? error.name : typeof error;
  return new FulfilmentError(
    'upstream_unavailable',
    `the fulfilment ledger could not be reached (${kind}); try again in a minute`,
    30,
  );
}
