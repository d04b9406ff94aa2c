// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headersFor, SITE_CSP, SUCCESS_CSP } from '@local-memory/site-policy';
import { afterEach, describe, expect, it } from 'vitest';
import { fulfilmentFromEnv, type SiteHeadersOptions, siteHeadersHandler } from './siteHeaders';

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

async function serve(options: SiteHeadersOptions): Promise<string> {
  const handler = siteHeadersHandler(options);
  server = createServer((req, res) =>
    handler(req, res, () => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html>');
    }),
  );
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('site headers middleware', () => {
  it('sends site-policy’s headers for each page, the strict CSP on /success', async () => {
    const origin = await serve({ mode: 'browser', csp: true });
    const pricing = await fetch(`${origin}/pricing`);
    expect(pricing.headers.get('content-security-policy')).toBe(SITE_CSP);
    const success = await fetch(`${origin}/success?session_id=cs_test_a1`);
    expect(success.headers.get('content-security-policy')).toBe(SUCCESS_CSP);
    expect(success.headers.get('referrer-policy')).toBe('no-referrer');
    expect(success.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    const expected = headersFor('/assets/app.js', { mode: 'browser' });
    const asset = await fetch(`${origin}/assets/app.js`);
    for (const [name, value] of Object.entries(expected)) {
      expect(asset.headers.get(name), name).toBe(value);
    }
  });

  it('leaves the CSP out on the dev server only', async () => {
    const origin = await serve({ mode: 'browser', csp: false });
    const home = await fetch(`${origin}/`);
    expect(home.headers.get('content-security-policy')).toBeNull();
    expect(home.headers.get('strict-transport-security')).toMatch(/preload/);
  });

  it('answers GET /api/time in browser mode with the clock, no-store and a Date header', async () => {
    const origin = await serve({ mode: 'browser', csp: true });
    const before = Date.now();
    const response = await fetch(`${origin}/api/time?nonce=r4nd0m`);
    const after = Date.now();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { unixSeconds } = (await response.json()) as { unixSeconds: number };
    const unixMs = unixSeconds * 1000;
    expect(unixMs).toBeGreaterThanOrEqual(before);
    expect(unixMs).toBeLessThanOrEqual(after);
    expect(Math.abs(Date.parse(response.headers.get('date') ?? '') - unixMs)).toBeLessThan(1000);
    const post = await fetch(`${origin}/api/time`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('leaves /api/time to the API when one is configured', async () => {
    const origin = await serve({ mode: 'server', apiOrigin: 'http://127.0.0.1:1', csp: true });
    const response = await fetch(`${origin}/api/time`);
    expect(await response.text()).toBe('<!doctype html>');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('names VITE_FULFILMENT when it is wrong', () => {
    expect(fulfilmentFromEnv(undefined)).toBe('browser');
    expect(fulfilmentFromEnv('server')).toBe('server');
    expect(() => fulfilmentFromEnv('edge')).toThrow(/VITE_FULFILMENT/);
  });
});
