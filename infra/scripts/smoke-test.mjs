#!/usr/bin/env node
// Smoke test of a live deployment (release-site.mjs, after the upload and invalidation):
// - `/`, `/pricing`, `/success?session_id=cs_test_…` and `/account` answer 200 with exactly the
//   deployed policy: site-policy's headers with the build's inline-style hashes (csp.json, the
//   file the CDK app read for the stack's response-headers policies);
// - `/api/time?nonce=…` answers 200, `no-store`, with a plausible `unixSeconds`;
// - in browser fulfilment, a HEAD of each current download link answers 200.
// Usage: SITE_URL=https://… [DOWNLOAD_SECRET_FILE=…] [FULFILMENT=browser|server]
//        [CSP_FACTS=apps/landing/sourcemaps/dist/csp.json] node smoke-test.mjs
// Exit 0 when every check passes, 1 with each failure listed otherwise, 2 on usage errors.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PLATFORMS, s3ObjectKey, timeWindowAt } from '@local-memory/download-keys';
import { headersFor } from '@local-memory/site-policy';
import { configuredSecret } from './secret.mjs';

/**
 * The landing build's CSP facts, the file the CDK app reads (lib/paths.ts SITE_CSP_FACTS): what
 * the stack's policy used. The release script checks the same file.
 */
export const DEFAULT_CSP_FACTS = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'apps',
  'landing',
  'sourcemaps',
  'dist',
  'csp.json',
);

// A well-formed test-mode Checkout Session id: the page must still answer 200 (it shows its own
// "not found" state); it never reaches Stripe from the smoke test.
const SMOKE_SESSION_ID = `cs_test_a1${'SmokeTestOnly'.padEnd(56, '0')}`;

/**
 * Run every check against `siteUrl`.
 * @param {{ siteUrl: string, mode: 'browser'|'server', styleHashes?: readonly string[], scriptHashes?: readonly string[], checkHeaders?: boolean, secret?: string, fetch?: typeof fetch, nowMs?: number }} options
 *   `styleHashes`, `scriptHashes`: the build's inline-style and inline-script hashes (csp.json),
 *   which the deployed Content-Security-Policy carries;
 *   `checkHeaders: false` checks everything but the headers (right after new CloudFront Functions
 *   are published, before the stack with the new policy is deployed)
 * @returns {Promise<string[]>} one line per failed check (empty when all pass)
 */
export async function smokeTest({
  siteUrl,
  mode,
  styleHashes,
  scriptHashes,
  checkHeaders = true,
  secret,
  fetch: fetchImpl = fetch,
  nowMs = Date.now(),
}) {
  if (checkHeaders && !Array.isArray(styleHashes))
    throw new TypeError("styleHashes: expected the build's list (csp.json), even if empty");
  if (checkHeaders && !Array.isArray(scriptHashes))
    throw new TypeError("scriptHashes: expected the build's list (csp.json), even if empty");
  const problems = [];
  const base = siteUrl.replace(/\/$/, '');
  for (const path of ['/', '/pricing', `/success?session_id=${SMOKE_SESSION_ID}`, '/account']) {
    let response;
    try {
      response = await fetchImpl(`${base}${path}`, { redirect: 'manual' });
    } catch (error) {
      problems.push(`GET ${path}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (response.status !== 200)
      problems.push(`GET ${path}: status ${response.status}, expected 200`);
    const expected = checkHeaders ? headersFor(path, { mode, styleHashes, scriptHashes }) : {};
    for (const [name, value] of Object.entries(expected)) {
      const actual = response.headers.get(name);
      if (actual !== value)
        problems.push(
          `GET ${path}: ${name} is ${JSON.stringify(actual)}, expected ${JSON.stringify(value)}`,
        );
    }
  }
  try {
    const time = await fetchImpl(`${base}/api/time?nonce=${nowMs.toString(36)}`);
    const body = time.status === 200 ? await time.json() : null;
    if (time.status !== 200) problems.push(`GET /api/time: status ${time.status}, expected 200`);
    else if (time.headers.get('cache-control') !== 'no-store')
      problems.push('GET /api/time: Cache-Control is not no-store');
    else if (
      typeof body?.unixSeconds !== 'number' ||
      Math.abs(body.unixSeconds * 1000 - nowMs) > 5 * 60_000
    ) {
      problems.push(
        `GET /api/time: unixSeconds ${body?.unixSeconds} is not within 5 minutes of now`,
      );
    }
  } catch (error) {
    problems.push(`GET /api/time: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (mode === 'browser') {
    if (!secret) {
      problems.push('download links: DOWNLOAD_SECRET(_FILE) is needed to derive the current links');
    } else {
      const timeWindow = timeWindowAt(Math.floor(nowMs / 1000));
      for (const platform of PLATFORMS) {
        const path = `/${s3ObjectKey(secret, timeWindow, platform)}`;
        const response = await fetchImpl(`${base}${path}`, { method: 'HEAD' }).catch(
          (error) => error,
        );
        const status = response instanceof Error ? response.message : response.status;
        // The path holds the download hash: name the platform only.
        if (status !== 200)
          problems.push(
            `HEAD ${platform} download (window ${timeWindow}): ${status}, expected 200`,
          );
      }
    }
  }
  return problems;
}

async function main() {
  const siteUrl = process.env.SITE_URL ?? '';
  const mode = process.env.FULFILMENT || 'browser';
  if (!/^https?:\/\/[^/]+/.test(siteUrl) || !['browser', 'server'].includes(mode)) {
    process.stderr.write(
      'usage: SITE_URL=https://… FULFILMENT=browser|server [DOWNLOAD_SECRET_FILE=…] node smoke-test.mjs\n',
    );
    return 2;
  }
  let secret;
  try {
    secret = await configuredSecret(process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const cspFacts = process.env.CSP_FACTS || DEFAULT_CSP_FACTS;
  let styleHashes;
  let scriptHashes;
  try {
    ({ styleHashes, scriptHashes } = JSON.parse(readFileSync(cspFacts, 'utf8')));
  } catch (error) {
    process.stderr.write(`CSP_FACTS ${cspFacts}: ${error.message} (build the site first)\n`);
    return 2;
  }
  const problems = await smokeTest({ siteUrl, mode, secret, styleHashes, scriptHashes });
  if (problems.length > 0) {
    process.stderr.write(`Smoke test of ${siteUrl} failed:\n- ${problems.join('\n- ')}\n`);
    return 1;
  }
  process.stdout.write(`Smoke test of ${siteUrl} passed (${mode} fulfilment).\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main();
