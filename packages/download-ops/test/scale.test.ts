// Scale: cleanup of 10,000 objects across 20 windows against the real S3-protocol server.
// Prints the requests by operation (counted at the wire, by a proxy in front of the server) and
// the time; asserts the batching (≤ 1000 keys per DeleteObjects) and that exactly the windows
// below the retention line are gone.
import { performance } from 'node:perf_hooks';
import { PLATFORM_CATALOGUE, PLATFORMS } from '@local-memory/download-keys';
import { type FaultProxy, startFaultProxy } from '@local-memory/testkit/fault-proxy';
import { startTestS3, type TestS3 } from '@local-memory/testkit/s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanup } from '../src/operations/cleanup.js';
import { SECRET, T0 } from './cliHarness.js';
import { s3StoreOn } from './s3Store.js';

const WINDOWS = 20;
const PER_WINDOW = 500; // 125 download hashes (secrets over the years) × 4 platforms
const FIRST = 40_648 - WINDOWS + 1; // the newest seeded window is the current one at T0
let s3: TestS3;
let bucket: string;
/** Forwards everything to the server and counts the requests by S3 operation. */
let counter: FaultProxy;
const requestCounts: Record<string, number> = {};

/** The S3 operation of a path-style request, as far as cleanup sends them. */
function s3Operation(method: string, url: string, copy: boolean): string {
  const { pathname, searchParams } = new URL(url, 'http://s3.invalid');
  if (method === 'POST' && searchParams.has('delete')) return 'DeleteObjects';
  if (method === 'GET' && searchParams.get('list-type') === '2') return 'ListObjectsV2';
  if (pathname.split('/').filter(Boolean).length < 2) return `${method} bucket`;
  if (method === 'PUT') return copy ? 'CopyObject' : 'PutObject';
  return { GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' }[method] ?? method;
}

const keysOf = (timeWindow: number) =>
  Array.from({ length: PER_WINDOW / PLATFORMS.length }, (_, i) =>
    PLATFORMS.map(
      (p) =>
        `downloads/${timeWindow}/${i.toString(16).padStart(16, '0')}/${p}/${PLATFORM_CATALOGUE[p].filename}`,
    ),
  ).flat();

beforeAll(async () => {
  s3 = await startTestS3();
  bucket = await s3.bucket();
  counter = await startFaultProxy();
  counter.target = s3.endpoint;
  counter.rule = ({ method, url, headers }) => {
    const operation = s3Operation(method, url, headers['x-amz-copy-source'] !== undefined);
    requestCounts[operation] = (requestCounts[operation] ?? 0) + 1;
    return 'forward';
  };
  const all = Array.from({ length: WINDOWS }, (_, i) => keysOf(FIRST + i)).flat();
  const started = performance.now();
  await s3.seed(bucket, all, 'x');
  // Figures for the issue note, printed on purpose.
  process.stdout.write(
    `seeded ${all.length} objects in ${WINDOWS} windows in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}, 600_000);
afterAll(async () => {
  await counter?.close();
  await s3?.stop();
});

it('cleans 10,000 objects across 20 windows in batches of at most 1000 keys', async () => {
  const store = s3StoreOn(s3, bucket, counter.origin);
  const ctx = { store, secret: SECRET, prefix: 'downloads', now: T0 };
  try {
    const dry = await cleanup(ctx, { dryRun: true });
    expect(dry).toMatchObject({ listed: 10_000, deleted: 0, deleteRequests: 0 });
    expect(dry.deletedWindows).toHaveLength(15);
    for (const key of Object.keys(requestCounts)) delete requestCounts[key];

    const started = performance.now();
    const result = await cleanup(ctx);
    const seconds = (performance.now() - started) / 1000;
    // Current 40648: windows 40644..40648 stay (current − 4 onwards), 15 older windows go.
    expect(result.oldestKept).toBe(40_644);
    expect(result.keptWindows).toEqual([40_644, 40_645, 40_646, 40_647, 40_648]);
    expect(result.deleted).toBe(15 * PER_WINDOW);
    expect(result.deleteRequests).toBe(Math.ceil((15 * PER_WINDOW) / 1000));
    expect(requestCounts.DeleteObjects).toBe(result.deleteRequests);
    const total = Object.values(requestCounts).reduce((a, b) => a + b, 0);
    // Figures for the issue note, printed on purpose.
    process.stdout.write(
      `cleanup of ${result.listed} objects in ${WINDOWS} windows: deleted ${result.deleted} in ${result.deleteRequests} DeleteObjects calls; ${total} requests in all (${JSON.stringify(requestCounts)}); ${seconds.toFixed(2)} s\n`,
    );

    const again = await cleanup({ ...ctx, store });
    expect(again).toMatchObject({ listed: 5 * PER_WINDOW, deleted: 0, deletedWindows: [] });
  } finally {
    store.destroy();
  }
}, 600_000);
