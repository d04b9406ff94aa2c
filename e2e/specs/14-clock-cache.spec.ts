// Journey 14: the site behind a cache. A CDN keeps robots.txt and the other static files and
// answers with an old Date plus Age; the page's clock check must neither be fooled by that nor
// miss a device clock that really is wrong. The expected links come from the Go reference.
import { expect, test } from '../fixtures/test';
import { type CachingProxy, startCachingProxy } from '../support/cachingProxy';
import { goReference } from '../support/goReference';
import { ORIGIN } from '../support/settings';

const HOUR_S = 3600;
const SESSION = 'cs_test_a1ClockBehindCache0123456789abcdefABCD';

/** The Linux link of the real current window (Go reference), for each window `at` spans. */
function realLinuxHrefs(fromSeconds: number, toSeconds: number): string[] {
  const windows = new Set(
    [fromSeconds, toSeconds].map((at) => {
      const run = goReference(['download', 'window', '--at', String(Math.floor(at))]);
      expect(run.status).toBe(0);
      return Number(run.json.timeWindow);
    }),
  );
  return [...windows].map((window) => {
    const run = goReference([
      'download',
      'hash',
      '--window',
      String(window),
      '--platform',
      'linux',
    ]);
    expect(run.status).toBe(0);
    return `/${String(run.json.s3Key)}`;
  });
}

let proxy: CachingProxy;

test.beforeEach(async () => {
  // Every copy the cache hands out is 11 hours old, as after a long TTL at the edge.
  proxy = await startCachingProxy(ORIGIN, { ttlSeconds: HOUR_S, copyAgeSeconds: 11 * HOUR_S });
});

test.afterEach(async () => {
  await proxy.stop();
});

test('a right device clock stays in charge when the cached files are 11 hours old', async ({
  page,
  request,
  success,
}) => {
  // The cache really does hand out an old Date with Age (what fooled the old check).
  const robots = await request.head(`${proxy.origin}/robots.txt`);
  expect(robots.status()).toBe(200);
  const robotsDate = Date.parse(robots.headers().date ?? '');
  expect(Date.now() - robotsDate).toBeGreaterThan(11 * HOUR_S * 1000 - 60_000);
  expect(Number(robots.headers().age)).toBeGreaterThanOrEqual(11 * HOUR_S);

  const from = Date.now() / 1000;
  await page.goto(`${proxy.origin}/success?session_id=${SESSION}`);
  const primary = success.recommended;
  await expect(primary).toHaveAttribute('data-platform', 'linux');
  await page.waitForLoadState('networkidle');
  const to = Date.now() / 1000;

  await expect(page.getByText(/Your device clock is/)).toHaveCount(0);
  expect(realLinuxHrefs(from, to)).toContain(await primary.getAttribute('href'));
  // The page was served by the cache, and the time source went past it every time.
  expect(proxy.events.some((e) => e.path.startsWith('/success') && e.outcome !== 'pass')).toBe(
    true,
  );
  const timeEvents = proxy.events.filter((e) => e.path.startsWith('/api/time'));
  expect(timeEvents.length).toBeGreaterThan(0);
  expect(timeEvents.every((e) => e.outcome === 'pass' && /\?nonce=\w+/.test(e.path))).toBe(true);
});

test('a device clock 3 hours behind is corrected to the real current window', async ({
  page,
  success,
}) => {
  await page.clock.install({ time: Date.now() - 3 * HOUR_S * 1000 });
  const from = Date.now() / 1000;
  await page.goto(`${proxy.origin}/success?session_id=${SESSION}`);

  await expect(page.getByText(/Your device clock is 180 minutes behind/)).toBeVisible();
  const primary = success.recommended;
  const to = Date.now() / 1000;
  const expected = realLinuxHrefs(from, to);
  await expect
    .poll(async () => expected.includes((await primary.getAttribute('href')) ?? ''))
    .toBe(true);
});
