/**
 * Sign-in links: `{id}.{expiresAt}.{signature}`, the signature HMAC-SHA256 under the configured
 * link key (`ACCOUNT_LINK_SECRET`) over a domain-separated message, so nobody without the key can
 * make one. Each link's id is written to the ledger (`account-link#{id}`, with the address and a
 * TTL) when it is issued and marked used when it is redeemed: a link works once, for 15 minutes.
 * Nothing here knows HTTP.
 * @module
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { AccountError, accountUnavailable } from './errors.js';

/** How long a sign-in link works. */
export const LINK_TTL_SECONDS = 15 * 60;

const ID = /^[A-Za-z0-9_-]{22}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const linkItemId = (id: string) => `account-link#${id}`;

/** What a link issuer and redeemer need. */
export interface LinkDeps {
  readonly client: DynamoDBClient;
  readonly table: string;
  /** The link-signing key (at least 32 bytes of secret). */
  readonly key: string;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}

function sign(key: string, id: string, expiresAt: number): string {
  return createHmac('sha256', Buffer.from(key, 'utf8'))
    .update(`local-memory account link v1\n${id}\n${expiresAt}`, 'utf8')
    .digest('base64url');
}

function unknownLink(): AccountError {
  return new AccountError(
    'link_unknown',
    'This sign-in link is not one we sent (it may be cut short); ask for a new link with your purchase email',
  );
}

/** Sign-in links over the ledger table. */
export class Links {
  constructor(private readonly deps: LinkDeps) {}

  private seconds(): number {
    return Math.floor(this.deps.now() / 1000);
  }

  /**
   * Issue a link for an address and record its id.
   * @param email - the normalised address (trimmed, lower case)
   * @returns the token (what follows `#link=` in the emailed URL) and when it expires (unix s)
   * @throws {AccountError} unavailable when the ledger cannot be reached
   */
  async issue(email: string): Promise<{ token: string; expiresAt: number }> {
    const id = randomBytes(16).toString('base64url');
    const expiresAt = this.seconds() + LINK_TTL_SECONDS;
    try {
      await this.deps.client.send(
        new PutItemCommand({
          TableName: this.deps.table,
          Item: {
            id: { S: linkItemId(id) },
            email: { S: email },
            expiresAt: { N: String(expiresAt) },
            expiration: { N: String(expiresAt + 3600) },
          },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
    } catch (error) {
      throw accountUnavailable(error);
    }
    return { token: `${id}.${expiresAt}.${sign(this.deps.key, id, expiresAt)}`, expiresAt };
  }

  /**
   * Redeem a link once.
   * @param token - the token as the page read it from the URL's fragment
   * @returns the address the link was issued for
   * @throws {AccountError} link_unknown (bad signature, never issued), link_expired, link_used,
   *   unavailable
   */
  async redeem(token: string): Promise<string> {
    const [id, expiresText, signature, extra] = token.split('.');
    if (
      extra !== undefined ||
      id === undefined ||
      !ID.test(id) ||
      expiresText === undefined ||
      !/^[1-9][0-9]{0,11}$/.test(expiresText) ||
      signature === undefined ||
      !SIGNATURE.test(signature)
    ) {
      throw unknownLink();
    }
    const expiresAt = Number(expiresText);
    const expected = Buffer.from(sign(this.deps.key, id, expiresAt), 'utf8');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'utf8'))) throw unknownLink();
    const now = this.seconds();
    if (now >= expiresAt) {
      throw new AccountError(
        'link_expired',
        'This sign-in link has expired (links work for 15 minutes); ask for a new one',
      );
    }
    try {
      const { Attributes } = await this.deps.client.send(
        new UpdateItemCommand({
          TableName: this.deps.table,
          Key: { id: { S: linkItemId(id) } },
          UpdateExpression: 'SET usedAt = :now',
          ConditionExpression: 'attribute_exists(id) AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':now': { N: String(now) } },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const email = Attributes?.email?.S;
      if (email === undefined) throw new Error('link item without an address');
      return email;
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') {
        throw accountUnavailable(error);
      }
    }
    let used = false;
    try {
      const { Item } = await this.deps.client.send(
        new GetItemCommand({
          TableName: this.deps.table,
          Key: { id: { S: linkItemId(id) } },
          ConsistentRead: true,
        }),
      );
      used = Item?.usedAt !== undefined;
    } catch (error) {
      throw accountUnavailable(error);
    }
    if (!used) throw unknownLink();
    throw new AccountError(
      'link_used',
      'This sign-in link was already used (each link works once); ask for a new one',
    );
  }
}
