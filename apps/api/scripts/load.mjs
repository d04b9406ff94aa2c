// Load measurement (not a test): autocannon on loopback against GET /api/purchases/{id}, with the
// Stripe stand-in behind the API, compared with hitting the stand-in's session endpoint directly.
// Three runs of DURATION seconds (default 30): the stand-in alone, the API with the verified cache
// off (every request asks the stand-in and reads the ledger), the API with its default cache.
// Prints requests/s, p50/p99 latency, errors, the latency the API adds, and the API's RSS after.
// The API's latency with the cache off includes its ledger calls (dynalite behind the testkit's
// transaction proxy) and its Stripe calls; the stand-ins run in this process, so each API run also
// prints how long they spent answering, per API request (server side, from a request's headers
// to its last byte), to tell the stand-ins' time from the API's own.
//   npx turbo run build --filter=@local-memory/api && node apps/api/scripts/load.mjs
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LOCAL_STRIPE_SECRET_KEY,
  localApiEntry,
  startLocalStack,
} from '@local-memory/testkit/local-stack';
import autocannon from 'autocannon';

const duration = Number(process.env.DURATION ?? 30);
const connections = Number(process.env.CONNECTIONS ?? 10);
const secret = 'E2E-TEST-ONLY-load-measure-download-secret-000';

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? Number.NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

// Milliseconds and requests answered by each server of this process, by port.
const served = new Map();
subscribe('http.server.request.start', ({ response, server }) => {
  const start = performance.now();
  const port = server.address()?.port;
  response.once('finish', () => {
    const tally = served.get(port) ?? { requests: 0, ms: 0 };
    tally.requests += 1;
    tally.ms += performance.now() - start;
    served.set(port, tally);
  });
});
const portOf = (origin) => Number(new URL(origin).port);
const round2 = (n) => Math.round(n * 100) / 100;

async function measure(title, url, headers = {}, standins = {}) {
  served.clear();
  // The load generator runs in a worker thread so it does not share an event loop with the
  // stand-in and dynalite, which live in this process.
  const result = await autocannon({ url, connections, duration, headers, workers: 1 });
  const total = result.requests.total;
  const row = {
    run: title,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.mean,
    errors: result.errors + result.timeouts + result.non2xx,
    total,
  };
  for (const [name, port] of Object.entries(standins)) {
    const tally = served.get(port) ?? { requests: 0, ms: 0 };
    row[`${name}CallsPerRequest`] = round2(tally.requests / Math.max(1, total));
    row[`${name}MsPerRequest`] = round2(tally.ms / Math.max(1, total));
  }
  console.log(JSON.stringify(row));
  return row;
}

/** The stand-ins an API run reaches, by the name its figures carry. */
const standinsOf = (stack) => ({
  stripe: portOf(stack.stripeOrigin),
  ledger: portOf(stack.ledgerEndpoint),
});

async function runStack(apiEnv, fn) {
  const store = mkdtempSync(join(tmpdir(), 'lm-load-'));
  const stack = await startLocalStack({
    apiEntry: localApiEntry(import.meta.url),
    siteUrl: 'http://127.0.0.1:5999',
    downloadStoreDir: store,
    downloadSecret: secret,
    apiEnv,
  });
  try {
    return await fn(stack);
  } finally {
    await stack.stop();
    rmSync(store, { recursive: true, force: true });
  }
}

console.log(`load: ${duration} s per run, ${connections} connections, node ${process.version}`);
const rows = [];
let rssAfterUncached;
await runStack({ VERIFIED_CACHE_SECONDS: '0' }, async (stack) => {
  const session = stack.standin.createSession({ email: 'load@example.com' });
  const direct = `${stack.stripeOrigin}/v1/checkout/sessions/${session.id}?expand[0]=line_items&expand[1]=payment_intent.latest_charge`;
  rows.push(
    await measure('stand-in directly', direct, {
      authorization: `Bearer ${LOCAL_STRIPE_SECRET_KEY}`,
    }),
  );
  // Warm up the API (first request also sends the license email once).
  await fetch(`${stack.apiOrigin}/api/purchases/${session.id}`);
  rows.push(
    await measure(
      'API, cache off',
      `${stack.apiOrigin}/api/purchases/${session.id}`,
      {},
      standinsOf(stack),
    ),
  );
  rssAfterUncached = rssMiB(stack.apiPid);
});
let rssAfterCached;
await runStack({}, async (stack) => {
  const session = stack.standin.createSession({ email: 'load@example.com' });
  await fetch(`${stack.apiOrigin}/api/purchases/${session.id}`);
  rows.push(
    await measure(
      'API, default cache',
      `${stack.apiOrigin}/api/purchases/${session.id}`,
      {},
      standinsOf(stack),
    ),
  );
  rssAfterCached = rssMiB(stack.apiPid);
});
const [direct, uncached, cached] = rows;
console.log(
  JSON.stringify({
    addedByApiUncachedP50Ms: uncached.p50Ms - direct.p50Ms,
    addedByApiUncachedP99Ms: uncached.p99Ms - direct.p99Ms,
    // Of the cache-off mean latency, the part the stand-ins spent answering (Stripe and ledger).
    uncachedMeanMs: uncached.meanMs,
    uncachedStandinMsPerRequest: round2(uncached.stripeMsPerRequest + uncached.ledgerMsPerRequest),
    cachedP99Ms: cached.p99Ms,
    errors: rows.reduce((sum, row) => sum + row.errors, 0),
    apiRssMiBAfterUncached: rssAfterUncached,
    apiRssMiBAfterCached: rssAfterCached,
  }),
);
