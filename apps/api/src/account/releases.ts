/**
 * The release log of a license: the times a buyer released a machine from the account page,
 * one item per license (`license-releases#{licenseId}`, a version for optimistic writes). At most
 * {@link RELEASES_PER_WINDOW} releases in any 30 days, so the account page cannot become a way to
 * rotate one license across many machines. The log entry is written in the same transaction that
 * frees the seat (licensing's `Activations.remove`). Nothing here knows HTTP.
 * @module
 */
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { accountUnavailable } from './errors.js';

/** Releases allowed per license in any window of {@link RELEASE_WINDOW_SECONDS}. */
export const RELEASES_PER_WINDOW = 3;
/** The sliding window releases are counted in. */
export const RELEASE_WINDOW_SECONDS = 30 * 86_400;

const logItemId = (licenseId: string) => `license-releases#${licenseId}`;

/** The releases of one license inside the current window. */
export interface ReleaseLog {
  readonly licenseId: string;
  /** Unix seconds of each release in the window, oldest first. */
  readonly times: readonly number[];
  /** The stored version (0: no item yet). */
  readonly version: number;
}

/** Release logs over the ledger table. */
export class ReleaseLogs {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    private readonly now: () => number,
  ) {}

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /**
   * The log of a license, only the releases inside the window.
   * @throws {AccountError} unavailable
   */
  async get(licenseId: string): Promise<ReleaseLog> {
    let item: Record<string, AttributeValue> | undefined;
    try {
      ({ Item: item } = await this.client.send(
        new GetItemCommand({
          TableName: this.table,
          Key: { id: { S: logItemId(licenseId) } },
          ConsistentRead: true,
        }),
      ));
    } catch (error) {
      throw accountUnavailable(error);
    }
    const since = this.seconds() - RELEASE_WINDOW_SECONDS;
    return {
      licenseId,
      times: (item?.times?.L ?? [])
        .map((entry) => Number(entry.N ?? 0))
        .filter((at) => at > since)
        .sort((a, b) => a - b),
      version: Number(item?.version?.N ?? 0),
    };
  }

  /** How many releases the window still allows. */
  left(log: ReleaseLog): number {
    return Math.max(0, RELEASES_PER_WINDOW - log.times.length);
  }

  /**
   * The write that adds one release now to `log`, conditional on nobody having written since it
   * was read (for the transaction that frees the seat).
   */
  appendWrite(log: ReleaseLog): TransactWriteItem {
    const now = this.seconds();
    const times = [...log.times, now];
    return {
      Put: {
        TableName: this.table,
        Item: {
          id: { S: logItemId(log.licenseId) },
          licenseId: { S: log.licenseId },
          times: { L: times.map((at) => ({ N: String(at) })) },
          version: { N: String(log.version + 1) },
          expiration: { N: String(now + RELEASE_WINDOW_SECONDS + 86_400) },
        },
        ConditionExpression: log.version === 0 ? 'attribute_not_exists(id)' : 'version = :version',
        ...(log.version === 0
          ? {}
          : { ExpressionAttributeValues: { ':version': { N: String(log.version) } } }),
      },
    };
  }
}
