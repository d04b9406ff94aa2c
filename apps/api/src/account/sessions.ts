/**
 * Account sessions: an opaque random id (the cookie's value) names one ledger item,
 * `account-session#{sha256(id)}` (the id itself is never stored), bound to the address that
 * redeemed a sign-in link. A session lives 30 minutes past its last use and at most 12 hours;
 * the table's TTL removes it later, so every read checks both limits with the injected clock.
 * A sign-in always makes a new id: an id a client brings is never adopted.
 * Nothing here knows HTTP.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { accountUnavailable, notSignedIn } from './errors.js';

/** A session ends this long after its last use. */
export const SESSION_IDLE_SECONDS = 30 * 60;
/** And this long after sign-in, whatever happens. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 3600;

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** A live session. */
export interface AccountSession {
  readonly email: string;
  /** Unix seconds of the absolute end. */
  readonly expiresAt: number;
}

/** What sessions need. */
export interface SessionDeps {
  readonly client: DynamoDBClient;
  readonly table: string;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}

function sessionItemId(id: string): string {
  return `account-session#${createHash('sha256').update(id, 'utf8').digest('base64url')}`;
}

/** Sessions over the ledger table. */
export class Sessions {
  constructor(private readonly deps: SessionDeps) {}

  private seconds(): number {
    return Math.floor(this.deps.now() / 1000);
  }

  /**
   * Start a new session for an address.
   * @returns the new id (for the cookie) and the session
   * @throws {AccountError} unavailable
   */
  async create(email: string): Promise<{ id: string; session: AccountSession }> {
    const id = randomBytes(32).toString('base64url');
    const now = this.seconds();
    const expiresAt = now + SESSION_ABSOLUTE_SECONDS;
    try {
      await this.deps.client.send(
        new PutItemCommand({
          TableName: this.deps.table,
          Item: {
            id: { S: sessionItemId(id) },
            email: { S: email },
            createdAt: { N: String(now) },
            lastSeen: { N: String(now) },
            expiresAt: { N: String(expiresAt) },
            expiration: { N: String(Math.min(now + SESSION_IDLE_SECONDS, expiresAt) + 60) },
          },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
    } catch (error) {
      throw accountUnavailable(error);
    }
    return { id, session: { email, expiresAt } };
  }

  /**
   * The session a cookie names, its idle timer restarted.
   * @param id - the cookie's value (anything a client sent)
   * @throws {AccountError} not_signed_in (absent, unknown, idle or absolutely expired, ended),
   *   unavailable
   */
  async authenticate(id: string | undefined): Promise<AccountSession> {
    if (id === undefined || !SESSION_ID.test(id)) throw notSignedIn();
    const key = { id: { S: sessionItemId(id) } };
    const now = this.seconds();
    try {
      const { Attributes } = await this.deps.client.send(
        new UpdateItemCommand({
          TableName: this.deps.table,
          Key: key,
          UpdateExpression: 'SET lastSeen = :now, expiration = :expiration',
          ConditionExpression: 'attribute_exists(id) AND lastSeen > :idle AND expiresAt > :now',
          ExpressionAttributeValues: {
            ':now': { N: String(now) },
            ':idle': { N: String(now - SESSION_IDLE_SECONDS) },
            // A missing expiresAt fails the condition above, so this never goes out unbounded.
            ':expiration': {
              N: String(Math.min(now + SESSION_IDLE_SECONDS, now + SESSION_ABSOLUTE_SECONDS) + 60),
            },
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const email = Attributes?.email?.S;
      const expiresAt = Number(Attributes?.expiresAt?.N ?? 0);
      if (email === undefined || expiresAt <= now) throw notSignedIn();
      return { email, expiresAt };
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') throw notSignedIn();
      if ((error as Error).name === 'AccountError') throw error;
      throw accountUnavailable(error);
    }
  }

  /**
   * End a session (sign-out); nothing happens for an unknown id.
   * @throws {AccountError} unavailable
   */
  async end(id: string | undefined): Promise<void> {
    if (id === undefined || !SESSION_ID.test(id)) return;
    try {
      await this.deps.client.send(
        new DeleteItemCommand({
          TableName: this.deps.table,
          Key: { id: { S: sessionItemId(id) } },
        }),
      );
    } catch (error) {
      throw accountUnavailable(error);
    }
  }
}
