#!/usr/bin/env node
// Used by .github/workflows/update-binaries.yml: write the binaries-updated payload to argv[2].
// - repository_dispatch: the event's client_payload (from $GITHUB_EVENT_PATH);
// - workflow_dispatch: the JSON at $PAYLOAD_URL, e.g. a release's payload asset: https:// on
//   every redirect hop, at most 1 MiB, network failures retried with backoff (p-retry, installed
//   with @local-memory/download-ops, which the workflow installs before this step).
// $FORCE_UPDATE=true adds "force": true. Validation against the schema is the next step's job.
// Test only: WRITE_DISPATCH_PAYLOAD_TEST_ALLOW_LOOPBACK_HTTP=true accepts http:// to 127.0.0.1.
import { readFileSync, writeFileSync } from 'node:fs';
import pRetry, { AbortError } from 'p-retry';

const MAX_BYTES = 1024 * 1024;
const MAX_HOPS = 5;

const [target] = process.argv.slice(2);
const fail = (message) => {
  process.stderr.write(`write-dispatch-payload: ${message}\n`);
  process.exit(1);
};
if (!target) fail('usage: write-dispatch-payload.mjs <output.json>');

const loopbackHttp = process.env.WRITE_DISPATCH_PAYLOAD_TEST_ALLOW_LOOPBACK_HTTP === 'true';
const allowed = (url) =>
  url.protocol === 'https:' ||
  (loopbackHttp && url.protocol === 'http:' && url.hostname === '127.0.0.1');

class Refused extends Error {}

/** GET `start`, following redirects by hand so every hop is checked; the body is bounded. */
async function fetchPayload(start) {
  let url = new URL(start);
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    if (!allowed(url)) {
      throw new Refused(
        hop === 0
          ? `payload_url must be an https:// URL, got "${start}"`
          : `${start} redirects to ${url.href}; only https:// is followed, on every redirect hop`,
      );
    }
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      url = new URL(location, url);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      const error = new Error(`GET ${url.href} answered ${response.status}`);
      if (response.status < 500 && response.status !== 429) throw new Refused(error.message);
      throw error;
    }
    const chunks = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > MAX_BYTES) {
        await response.body?.cancel().catch(() => undefined);
        throw new Refused(`${url.href} is larger than ${MAX_BYTES} bytes; not a dispatch payload`);
      }
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      return JSON.parse(text);
    } catch {
      throw new Refused(`${url.href} is not JSON`);
    }
  }
  throw new Refused(`${start} redirects more than ${MAX_HOPS} times`);
}

let payload;
const event = process.env.EVENT_NAME ?? process.env.GITHUB_EVENT_NAME;
if (event === 'repository_dispatch') {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path) fail('GITHUB_EVENT_PATH is not set; this runs inside GitHub Actions');
  payload = JSON.parse(readFileSync(path, 'utf8')).client_payload;
  if (payload === undefined) fail('the repository_dispatch event has no client_payload');
} else if (event === 'workflow_dispatch') {
  const url = process.env.PAYLOAD_URL ?? '';
  try {
    new URL(url);
  } catch {
    fail(`payload_url must be an https:// URL, got "${url}"`);
  }
  let refused;
  try {
    payload = await pRetry(
      async () => {
        try {
          return await fetchPayload(url);
        } catch (error) {
          if (error instanceof Refused) {
            refused = error.message;
            throw new AbortError(error.message);
          }
          throw error;
        }
      },
      {
        retries: 3,
        minTimeout: 500,
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft > 0)
            process.stderr.write(
              `write-dispatch-payload: attempt ${attemptNumber} failed (${error.cause?.code ?? error.message}); retrying\n`,
            );
        },
      },
    );
  } catch (error) {
    fail(refused ?? `cannot fetch ${url}: ${error.cause?.code ?? error.message}`);
  }
} else {
  fail(`unsupported event "${event}": expected repository_dispatch or workflow_dispatch`);
}
if (process.env.FORCE_UPDATE === 'true' && typeof payload === 'object' && payload !== null) {
  payload = { ...payload, force: true };
}
writeFileSync(target, `${JSON.stringify(payload, null, 2)}\n`);
process.stdout.write(`write-dispatch-payload: wrote ${target} from ${event}\n`);
