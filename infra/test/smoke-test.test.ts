/**
 * The deploy's smoke test against a stand-in of the live site on loopback: it passes a site that
 * sends site-policy's headers (with the build's style hashes) and serves the current downloads,
 * and names every failure otherwise. release-site.test.ts runs it against the production build.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { s3ObjectKey, timeWindowAt } from '@local-memory/download-keys';
import { headersFor } from '@local-memory/site-policy';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { smokeTest } from '../scripts/smoke-test.mjs';

const SECRET = 'INFRA-TEST-ONLY-smoke-test-secret-0123456789';
const NOW = Date.UTC(2026, 10, 25, 15, 0, 0);
const STYLE_HASHES = ['sha256-tPVaYqVYE72TQcy/pB1ZHWnHd1Hoty+tk0vqJAVnKB4='];
const SCRIPT_HASHES = ['sha256-7pXuLxz66uH+kPBC/PFlCxolnpwSIezepjUEltYPTHQ='];
const HASHES = { styleHashes: STYLE_HASHES, scriptHashes: SCRIPT_HASHES };
let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

async function site(options: { breakHeader?: string; missingDownload?: string }): Promise<string> {
  const window = timeWindowAt(NOW / 1000);
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const headers = headersFor(url.pathname, { mode: 'browser', ...HASHES });
    if (options.breakHeader) delete headers[options.breakHeader];
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (url.pathname === '/api/time') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ unixSeconds: NOW / 1000 }));
      return;
    }
    if (url.pathname.startsWith('/downloads/')) {
      const platform = url.pathname.split('/')[4] ?? '';
      const known =
        platform !== options.missingDownload &&
        url.pathname === `/${s3ObjectKey(SECRET, window, platform as 'linux')}`;
      res.writeHead(known ? 200 : 403).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html>');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The smoke test in browser mode, with the secret, at NOW. */
const smokeBrowser = (siteUrl: string): Promise<string[]> =>
  smokeTest({ siteUrl, mode: 'browser', secret: SECRET, ...HASHES, nowMs: NOW });

describe('smokeTest', () => {
  it('passes a site with the production headers and every current download', async () => {
    const siteUrl = await site({});
    expect(await smokeBrowser(siteUrl)).toEqual([]);
  });

  it('names a missing header on every page it is missing from', async () => {
    const siteUrl = await site({ breakHeader: 'Strict-Transport-Security' });
    const problems = await smokeBrowser(siteUrl);
    expect(problems.filter((p) => p.includes('Strict-Transport-Security'))).toHaveLength(4);
  });

  it('names a download that does not answer 200, without printing its path', async () => {
    const siteUrl = await site({ missingDownload: 'windows' });
    const problems = await smokeBrowser(siteUrl);
    expect(problems).toEqual([expect.stringMatching(/^HEAD windows download .*403/)]);
    expect(problems.join('')).not.toMatch(/[0-9a-f]{16}/);
  });

  it('fails when the clock answer is stale, and without the secret in browser mode', async () => {
    const siteUrl = await site({});
    const later = NOW + 10 * 60_000;
    const problems: string[] = await smokeTest({
      siteUrl,
      mode: 'browser',
      ...HASHES,
      nowMs: later,
    });
    expect(problems.join('\n')).toMatch(/unixSeconds .* not within 5 minutes/);
    expect(problems.join('\n')).toMatch(/DOWNLOAD_SECRET/);
  });

  it('refuses to run without the build’s style hashes (it would check a policy nobody deployed)', async () => {
    const siteUrl = await site({});
    await expect(
      smokeTest({ siteUrl, mode: 'browser', secret: SECRET, scriptHashes: [], nowMs: NOW }),
    ).rejects.toThrow(/styleHashes/);
  });

  it('refuses to run without the build’s script hashes, and names a policy without them', async () => {
    const siteUrl = await site({});
    await expect(
      smokeTest({
        siteUrl,
        mode: 'browser',
        secret: SECRET,
        styleHashes: STYLE_HASHES,
        nowMs: NOW,
      }),
    ).rejects.toThrow(/scriptHashes/);
    const problems: string[] = await smokeTest({
      siteUrl,
      mode: 'browser',
      secret: SECRET,
      styleHashes: STYLE_HASHES,
      scriptHashes: [],
      nowMs: NOW,
    });
    expect(problems.filter((p) => p.includes('Content-Security-Policy'))).toHaveLength(4);
  });
});
