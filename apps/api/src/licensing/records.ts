/**
 * License records in the ledger table. `license#{licenseId}` holds the edition, the activation
 * limit, the status and the count of active activations (with the set of their machine ids);
 * `licensekey#{sha256hex(licenseKey)}` points a key at its license (the key itself is never
 * stored); `revocations` holds the set of revoked license ids. The license id is random and
 * opaque: never the Checkout Session id, which is the Success page's credential.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { licensingUnavailable } from './errors.js';

/** What a license allows and whether it still does. */
export interface LicenseRecord {
  readonly licenseId: string;
  readonly edition: string;
  /** How many machines may hold an activation at once. */
  readonly limit: number;
  readonly status: 'active' | 'revoked';
  /** Activations counted against the limit. */
  readonly active: number;
  /** Their machine ids. */
  readonly machines: readonly string[];
  /** Unix seconds. */
  readonly createdAt: number;
  readonly revokedReason: string | null;
}

/** What a paid purchase grants. */
export interface LicenseGrant {
  readonly licenseKey: string;
  readonly edition: string;
  readonly limit: number;
}

/** sha256 of the canonical (normalised) key, lowercase hex: the index's key. */
export function licenseKeyDigest(licenseKey: string): string {
  return createHash('sha256').update(licenseKey, 'utf8').digest('hex');
}

/** A new opaque license id: `lic_` and 22 base64url characters (128 random bits). */
export function newLicenseId(): string {
  return `lic_${randomBytes(16).toString('base64url')}`;
}

export const licenseItemId = (licenseId: string) => `license#${licenseId}`;
export const keyIndexId = (digest: string) => `licensekey#${digest}`;
export const REVOCATIONS_ITEM_ID = 'revocations';

const isConditionFailure = (error: unknown) =>
  (error as Error).name === 'TransactionCanceledException' ||
  (error as Error).name === 'ConditionalCheckFailedException';

function recordOf(item: Record<string, AttributeValue>): LicenseRecord {
  return {
    licenseId: item.licenseId?.S ?? '',
    edition: item.edition?.S ?? '',
    limit: Number(item.limit?.N ?? 0),
    status: item.status?.S === 'revoked' ? 'revoked' : 'active',
    active: Number(item.active?.N ?? 0),
    machines: item.machines?.SS ?? [],
    createdAt: Number(item.createdAt?.N ?? 0),
    revokedReason: item.revokedReason?.S ?? null,
  };
}

/** Read and write license records. */
export class LicenseRecords {
  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The license a key names, or null when no record exists. */
  async licenseIdOfKey(licenseKey: string): Promise<string | null> {
    try {
      const { Item } = await this.client.send(
        new GetItemCommand({
          TableName: this.table,
          Key: { id: { S: keyIndexId(licenseKeyDigest(licenseKey)) } },
          ConsistentRead: true,
        }),
      );
      return Item?.licenseId?.S ?? null;
    } catch (error) {
      throw licensingUnavailable(error);
    }
  }

  /** The record of a license, or null. */
  async get(licenseId: string): Promise<LicenseRecord | null> {
    try {
      const { Item } = await this.client.send(
        new GetItemCommand({
          TableName: this.table,
          Key: { id: { S: licenseItemId(licenseId) } },
          ConsistentRead: true,
        }),
      );
      return Item ? recordOf(Item) : null;
    } catch (error) {
      throw licensingUnavailable(error);
    }
  }

  /**
   * Write the license of a paid purchase unless its key already has one (then nothing changes):
   * one transaction of two conditional puts, so concurrent calls create one license.
   * @param grant - the key, edition and limit
   * @param status - `revoked` when a refund arrives before the purchase's license was written
   * @returns the license id and whether this call created it
   */
  async issue(
    grant: LicenseGrant,
    status: 'active' | 'revoked' = 'active',
    revokedReason?: string,
  ): Promise<{ licenseId: string; created: boolean }> {
    const digest = licenseKeyDigest(grant.licenseKey);
    const licenseId = newLicenseId();
    const at = String(Math.floor(this.now() / 1000));
    const item: Record<string, AttributeValue> = {
      id: { S: licenseItemId(licenseId) },
      licenseId: { S: licenseId },
      edition: { S: grant.edition },
      limit: { N: String(grant.limit) },
      status: { S: status },
      active: { N: '0' },
      createdAt: { N: at },
    };
    if (status === 'revoked') {
      item.revokedAt = { N: at };
      item.revokedReason = { S: revokedReason ?? 'refund' };
    }
    const writes: NonNullable<
      ConstructorParameters<typeof TransactWriteItemsCommand>[0]['TransactItems']
    > = [
      {
        Put: {
          TableName: this.table,
          Item: {
            id: { S: keyIndexId(digest) },
            licenseId: { S: licenseId },
            createdAt: { N: at },
          },
          ConditionExpression: 'attribute_not_exists(id)',
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: item,
          ConditionExpression: 'attribute_not_exists(id)',
        },
      },
    ];
    if (status === 'revoked') writes.push(this.revocationListAdd(licenseId));
    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: writes }));
      return { licenseId, created: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw licensingUnavailable(error);
    }
    const existing = await this.licenseIdOfKey(grant.licenseKey);
    if (existing === null) {
      throw licensingUnavailable(new Error('license index changed while it was written'));
    }
    return { licenseId: existing, created: false };
  }

  private revocationListAdd(licenseId: string) {
    return {
      Update: {
        TableName: this.table,
        Key: { id: { S: REVOCATIONS_ITEM_ID } },
        UpdateExpression: 'ADD licenses :id SET updatedAt = :at',
        ExpressionAttributeValues: {
          ':id': { SS: [licenseId] },
          ':at': { N: String(Math.floor(this.now() / 1000)) },
        },
      },
    };
  }

  /**
   * Revoke the license of a key (refund or dispute); a key without a license gets a revoked one,
   * so a license written later for the same purchase (a late fulfilment, the backfill) stays
   * revoked. Idempotent.
   * @returns the license id
   */
  async revoke(grant: LicenseGrant, reason: string): Promise<string> {
    const { licenseId, created } = await this.issue(grant, 'revoked', reason);
    if (created) return licenseId;
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: { id: { S: licenseItemId(licenseId) } },
                UpdateExpression:
                  'SET #status = :revoked, revokedAt = if_not_exists(revokedAt, :at), revokedReason = if_not_exists(revokedReason, :reason)',
                ConditionExpression: 'attribute_exists(id)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':revoked': { S: 'revoked' },
                  ':at': { N: String(Math.floor(this.now() / 1000)) },
                  ':reason': { S: reason },
                },
              },
            },
            this.revocationListAdd(licenseId),
          ],
        }),
      );
    } catch (error) {
      throw licensingUnavailable(error);
    }
    return licenseId;
  }

  /** Every revoked license id, sorted. */
  async revokedIds(): Promise<string[]> {
    try {
      const { Item } = await this.client.send(
        new GetItemCommand({
          TableName: this.table,
          Key: { id: { S: REVOCATIONS_ITEM_ID } },
          ConsistentRead: true,
        }),
      );
      return [...(Item?.licenses?.SS ?? [])].sort();
    } catch (error) {
      throw licensingUnavailable(error);
    }
  }
}
