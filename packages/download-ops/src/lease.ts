/**
 * A store lease: one writer at a time across machines. The lease is an object at
 * `{prefix}/.lease.json` created with a conditional write (S3 `If-None-Match: *`, an exclusive
 * create in a folder), holding the owner, the start and the expiry. A second writer polls for a
 * bounded time and then fails naming the holder; a lease past its expiry is taken over (its
 * holder died without releasing it).
 * @module
 */
import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { OpsError } from './errors.js';
import type { Store } from './store/types.js';

export interface LeaseRecord {
  readonly owner: string;
  readonly command: string;
  /** Unix seconds. */
  readonly startedAt: number;
  /** Unix seconds; after this anyone may take the lease over. */
  readonly expiresAt: number;
  /** Random id of this holder (tells our own lease from another's after a retried write). */
  readonly token: string;
}

/**
 * The timers of a lease: the monotonic milliseconds and the sleep its wait is measured on, and the
 * repeating timer that renews it while held. The default is the process's (`performance.now`,
 * `setTimeout`, an unref'd `setInterval`); a caller may pass its own (a test's, to count polls
 * and to run a renewal when it chooses).
 */
export interface LeaseClock {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
  /** Run `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => Promise<void>): () => void;
}

const processClock: LeaseClock = {
  nowMs: () => performance.now(),
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  every(ms, tick) {
    const timer = setInterval(() => void tick(), ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

export interface LeaseOptions {
  readonly command: string;
  /** Unix seconds, the real clock (never `--at`). */
  readonly now: () => number;
  /** How long to wait for another holder, in seconds. Default 120. */
  readonly waitSeconds?: number;
  /** Lease lifetime in seconds, renewed every third of it while held. Default 3600. */
  readonly ttlSeconds?: number;
  /** Poll interval in milliseconds. Default 2000. */
  readonly pollMs?: number;
  readonly owner?: string;
  readonly log?: (line: string) => void;
  /** What the wait is measured on; default the process's monotonic clock. */
  readonly clock?: LeaseClock;
}

export interface Lease {
  readonly record: LeaseRecord;
  release(): Promise<void>;
}

export const leaseKey = (prefix: string) => `${prefix}/.lease.json`;

/** Who is asking, for the holder's name in messages: user@host pid, and the CI run if any. */
export function defaultOwner(env: Record<string, string | undefined> = process.env): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers)
  }
  const run = env.GITHUB_RUN_ID ? ` (GitHub run ${env.GITHUB_RUN_ID})` : '';
  return `${user}@${hostname()} pid ${process.pid}${run}`;
}

function parseRecord(bytes: Uint8Array | null): LeaseRecord | null {
  if (bytes === null) return null;
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes)) as Partial<LeaseRecord>;
    if (typeof value.owner !== 'string' || typeof value.expiresAt !== 'number') return null;
    return value as LeaseRecord;
  } catch {
    return null;
  }
}

const encodeRecord = (record: LeaseRecord) =>
  new TextEncoder().encode(`${JSON.stringify(record)}\n`);

/**
 * Take the store lease, waiting up to `waitSeconds` for another holder.
 * @param store - the release store
 * @param prefix - key prefix
 * @param options - command, clock, wait and lifetime
 * @returns the lease; call `release()` when done
 * @throws {OpsError} LEASE_HELD naming the holder when the wait runs out
 */
export async function acquireLease(
  store: Store,
  prefix: string,
  options: LeaseOptions,
): Promise<Lease> {
  const s3Key = leaseKey(prefix);
  const ttl = options.ttlSeconds ?? 3600;
  const waitSeconds = options.waitSeconds ?? 120;
  const pollMs = options.pollMs ?? 2000;
  const token = randomUUID();
  const owner = options.owner ?? defaultOwner();
  // The wait is measured on a monotonic clock: the wall clock `now` may stand still (tests, --at).
  const clock = options.clock ?? processClock;
  const deadline = clock.nowMs() + waitSeconds * 1000;
  const readHolder = async () => parseRecord(await store.get(s3Key));
  let told = false;
  for (;;) {
    const startedAt = Math.floor(options.now());
    const record: LeaseRecord = {
      owner,
      command: options.command,
      startedAt,
      expiresAt: startedAt + ttl,
      token,
    };
    const created = await store.putIfAbsent(s3Key, encodeRecord(record), 'application/json');
    const current = created ? record : await readHolder();
    // A retried conditional write whose first attempt landed reads back our own token.
    if (created || current?.token === token) {
      // Renewed while held, so a long upload is never taken over as abandoned.
      const stopRenewing = clock.every(Math.max(1000, (ttl * 1000) / 3), async () => {
        try {
          const held = await readHolder();
          if (held?.token !== token) return;
          const renewed = { ...record, expiresAt: Math.floor(options.now()) + ttl };
          await store.putBytes(s3Key, encodeRecord(renewed), 'application/json');
        } catch {
          // a failed renewal is retried on the next tick; the lease lasts ttl meanwhile
        }
      });
      return {
        record,
        release: async () => {
          stopRenewing();
          const now = await readHolder();
          if (now?.token === token) await store.deleteMany([s3Key]);
        },
      };
    }
    if (current !== null && current.expiresAt < options.now()) {
      options.log?.(
        `taking over the expired lease of ${current.owner} (${current.command}, expired ${new Date(current.expiresAt * 1000).toISOString()})`,
      );
      const again = await readHolder();
      if (again?.token === current.token) await store.deleteMany([s3Key]);
      continue;
    }
    if (clock.nowMs() >= deadline) {
      const holder = current
        ? `${current.owner} (${current.command}, since ${new Date(current.startedAt * 1000).toISOString()}, expires ${new Date(current.expiresAt * 1000).toISOString()})`
        : 'another writer';
      throw new OpsError(
        `the store is busy: ${holder} holds the lease ${s3Key}. Waited ${waitSeconds} s; run the command again when it has finished (an abandoned lease is taken over after it expires).`,
        'LEASE_HELD',
      );
    }
    if (!told) {
      options.log?.(`waiting for ${current?.owner ?? 'another writer'} to finish (${s3Key})`);
      told = true;
    }
    await clock.sleep(pollMs);
  }
}
