/**
 * The CloudFront Functions' own source files, run on recorded event shapes on every engine: Node's
 * `vm` and njs (the closest engine to CloudFront's that runs here; see cloudfront-function.ts).
 */
import { PLATFORM_CATALOGUE } from '@local-memory/download-keys';
import { ROUTES } from '@local-memory/landing/routes';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { checkResult, edgeCases, resultOfTestFunction } from '../scripts/edge-cases.mjs';
import { ENGINES, loadFunction, njsVersion, recordedEvent } from './cloudfront-function';

it('has njs to run the edge functions on (scripts/bootstrap.sh installs it)', () => {
  expect(njsVersion()).toMatch(/^\d+\.\d+\.\d+/);
});

describe.each(ENGINES)('on %s', (engine) => {
  const site = loadFunction('site-routing.js', undefined, engine);
  const request = (uri: string, querystring = {}) =>
    site.handler(recordedEvent('viewer-request', { uri, querystring }));

  describe('site routing (viewer request)', () => {
    it.each([
      ['/', '/index.html'],
      ['/pricing', '/pricing.html'],
      ['/pricing/', '/pricing.html'],
      ['/success', '/success.html'],
      ['/success/', '/success.html'],
      ['/account', '/account.html'],
      ['/account/', '/account.html'],
      ['/account/extra', '/404.html'],
      ['/terms', '/terms.html'],
      ['/privacy', '/privacy.html'],
      ['/refunds', '/refunds.html'],
      ['/docs/setup', '/docs/setup.html'],
      ['/docs', '/404.html'],
      ['/terms-of-nothing', '/404.html'],
      ['/pricing/extra', '/404.html'],
      ['/PRICING', '/404.html'],
    ])('maps the clean path %s to %s', (uri, document) => {
      expect(request(uri).uri).toBe(document);
    });

    it.each([
      '/assets/index-BX9a1c2d.js',
      '/assets/index-3kd93.css',
      '/favicon.svg',
      '/robots.txt',
      '/index.html',
      '/missing-file.png',
    ])('leaves the file %s to S3 (a missing one is S3’s 404, never a page)', (uri) => {
      expect(request(uri).uri).toBe(uri);
    });

    it.each([
      '/downloads/40648/10fa7d873655acdb/windows/local-memory-windows.zip',
      '/downloads/not-a-link',
      '/api/time',
      '/api/purchases/cs_test_a1',
    ])('never rewrites %s', (uri) => {
      expect(request(uri).uri).toBe(uri);
    });

    it('keeps the query string (the Checkout Session id) untouched', () => {
      const querystring = { session_id: { value: 'cs_test_a1B2c3D4e5F6g7H8i9J0' } };
      const routed = request('/success', querystring);
      expect(routed.uri).toBe('/success.html');
      expect(routed.querystring).toEqual(querystring);
    });

    it.each([
      '/../index.html',
      '/assets/../../etc/passwd',
      '/%2e%2e/index.html',
      '/assets/%2E%2E/secret.txt',
      '/pricing/..',
      '/a/./b',
      '//evil.example/path',
      '/assets\\..\\x.js',
      '/%E0%A4%A',
    ])('refuses the traversal attempt %s with a 400', (uri) => {
      const answer = request(uri);
      expect(answer.statusCode).toBe(400);
      expect(answer.uri).toBeUndefined();
    });

    it('routes exactly the prerendered pages, each to its own document (apps/landing/src/app/routes.ts)', () => {
      const pages = ROUTES.filter((r) => r.path !== '*').map((r) => [r.path, `/${r.file}`]);
      expect(site.exports.ROUTES).toEqual(Object.fromEntries(pages));
      expect(ROUTES.find((r) => r.path === '*')?.file).toBe('404.html');
    });
  });

  describe('site routing (viewer response)', () => {
    const respond = (uri: string, status = 200) =>
      site.handler(recordedEvent('viewer-response', { uri, status }));

    it('sends the not-found document with 404, whether CloudFront shows the rewritten or the original uri', () => {
      expect(respond('/404.html').statusCode).toBe(404);
      expect(respond('/no-such-page').statusCode).toBe(404);
    });

    it('leaves real pages, files and errors alone', () => {
      expect(respond('/index.html').statusCode).toBe(200);
      expect(respond('/pricing').statusCode).toBe(200);
      expect(respond('/assets/index-BX9a1c2d.js').statusCode).toBe(200);
      expect(respond('/missing.png', 404).statusCode).toBe(404);
      expect(respond('/404.html', 304).statusCode).toBe(304);
    });
  });

  describe('api time at the edge (browser fulfilment)', () => {
    const nowMs = Date.UTC(2026, 10, 25, 12, 0, 0);
    const time = loadFunction('api-time.js', nowMs, engine);

    it('answers GET /api/time with the edge clock, no-store, a Date header and the query ignored', () => {
      const answer = time.handler(
        recordedEvent('viewer-request', {
          uri: '/api/time',
          querystring: { nonce: { value: 'k3' } },
        }),
      );
      expect(answer.statusCode).toBe(200);
      expect(JSON.parse(answer.body.data)).toEqual({ unixSeconds: nowMs / 1000 });
      expect(answer.headers['cache-control'].value).toBe('no-store');
      expect(answer.headers['content-type'].value).toMatch(/^application\/json/);
      expect(Date.parse(answer.headers.date.value)).toBe(nowMs);
    });

    it('answers anything else under /api/ with the API’s JSON 404', () => {
      const answer = time.handler(
        recordedEvent('viewer-request', { uri: '/api/purchases/cs_test_a1' }),
      );
      expect(answer.statusCode).toBe(404);
      expect(JSON.parse(answer.body.data).error.code).toBe('not_found');
      const post = time.handler(
        recordedEvent('viewer-request', { uri: '/api/time', method: 'POST' }),
      );
      expect(post.statusCode).toBe(404);
    });
  });

  describe('download links at the edge', () => {
    // 2025-08-24T00:00:00Z, window 40648 (docs/algorithms.md vector).
    const nowMs = 1_755_993_600_000;
    const links = loadFunction('download-links.js', nowMs, engine);
    const fetchLink = (uri: string) => links.handler(recordedEvent('viewer-request', { uri }));
    const link = (window: number, platform = 'windows', file = 'local-memory-windows.zip') =>
      `/downloads/${window}/10fa7d873655acdb/${platform}/${file}`;

    it.each([40648, 40649, 40644])('passes the live window %i to S3 unchanged', (window) => {
      const answer = fetchLink(link(window));
      expect(answer.uri).toBe(link(window));
      expect(answer.statusCode).toBeUndefined();
    });

    it.each([40643, 40000, 40650])(
      'answers the expired or future window %i with a 410 page',
      (window) => {
        const answer = fetchLink(link(window));
        expect(answer.statusCode).toBe(410);
        expect(answer.headers['content-type'].value).toBe('text/html; charset=utf-8');
        expect(answer.body.data).toMatch(/Success page/);
      },
    );

    it.each([
      '/downloads/40648/10fa7d873655acdb/windows/local-memory-linux.zip',
      '/downloads/40648/10FA7D873655ACDB/windows/local-memory-windows.zip',
      '/downloads/40648/10fa7d87/windows/local-memory-windows.zip',
      '/downloads/40648/10fa7d873655acdb/solaris/local-memory-solaris.zip',
      '/downloads/040648/10fa7d873655acdb/windows/local-memory-windows.zip',
      '/downloads/40648/10fa7d873655acdb/windows/../windows/local-memory-windows.zip',
      '/downloads/40648/10fa7d873655acdb/windows/local-memory-windows.zip/',
      '/downloads/',
      '/downloads/.lease.json',
      '/downloads/release.json/',
      '/downloads/40648/release.json',
    ])('answers the malformed link %s with a 403 page, never S3', (uri) => {
      const answer = fetchLink(uri);
      expect(answer.statusCode).toBe(403);
      expect(answer.body.data).toMatch(/not valid/);
    });

    it('passes the release manifest, at its one stable path, to S3 (the Success page reads it)', () => {
      const answer = fetchLink('/downloads/release.json');
      expect(answer.uri).toBe('/downloads/release.json');
      expect(answer.statusCode).toBeUndefined();
    });

    it('knows exactly the platforms and file names of download-keys', () => {
      const expected = Object.fromEntries(
        Object.entries(PLATFORM_CATALOGUE).map(([platform, info]) => [platform, info.filename]),
      );
      expect({ ...(links.exports.FILENAMES as object) }).toEqual(expected);
    });
  });

  describe('the deploy’s TestFunction cases (scripts/edge-cases.mjs), at the edge’s clock', () => {
    const nowMs = Date.UTC(2026, 10, 25, 15, 0, 0);
    it.each(
      (edgeCases(nowMs) as { file: string; id: string }[]).map((c) => [c.file, c.id, c] as const),
    )('%s: %s', (file, _id, edgeCase) => {
      const fn = loadFunction(file, nowMs, engine);
      // biome-ignore lint/suspicious/noExplicitAny: a case from a plain ESM script
      const c = edgeCase as any;
      expect(checkResult(fn.handler(c.event), c.expect)).toBeNull();
    });
  });
});

describe('checkResult and resultOfTestFunction (the deploy’s reading of TestFunction)', () => {
  it('names a wrong uri, a wrong status, and an answer where a pass-through was expected', () => {
    expect(checkResult({ uri: '/404.html' }, { uri: '/index.html' })).toMatch(/uri "\/404.html"/);
    expect(checkResult({ statusCode: 503 }, { statusCode: 200 })).toMatch(/status 503/);
    expect(checkResult({ statusCode: 403 }, { uri: '/x' })).toMatch(/answered 403/);
    expect(checkResult(null, { uri: '/x' })).toMatch(/no result/);
  });

  it('reads the request or the response out of FunctionOutput', () => {
    const output = JSON.stringify({ request: { uri: '/index.html' } });
    expect(resultOfTestFunction(output, { uri: '/index.html' })).toEqual({ uri: '/index.html' });
    const answer = JSON.stringify({ response: { statusCode: 410 } });
    expect(resultOfTestFunction(answer, { statusCode: 410 })).toEqual({ statusCode: 410 });
  });
});
