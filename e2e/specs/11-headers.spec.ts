// The production response headers on every page (site-policy, served by the preview server as
// CloudFront serves them), no CSP violation or blocked request anywhere (the fixture fails the
// test on any), pricing's buy click with Stripe.js (stubbed at the network boundary) included,
// and the never-cached time source.
import { createHash } from 'node:crypto';
import { headersFor } from '@local-memory/site-policy';
import type { Page, Response } from '@playwright/test';
import { expect, test } from '../fixtures/test';

/**
 * CSP hashes of the document's inline `<style>` or `<script>` blocks (the critical CSS, the
 * bootstrap), computed here from what was served.
 */
function inlineHashes(html: string, tag: 'style' | 'script'): string[] {
  // Inline blocks only: a <script src> has no text to hash.
  const blocks = new RegExp(`<${tag}(?![^>]*\\ssrc=)[^>]*>([\\s\\S]*?)</${tag}>`, 'g');
  return [...html.matchAll(blocks)].map(
    (m) =>
      `sha256-${createHash('sha256')
        .update(m[1] ?? '', 'utf8')
        .digest('base64')}`,
  );
}

/** Open `path` and check its response carries the site policy for that path; returns it. */
async function openUnderPolicy(page: Page, path: string): Promise<Response | null> {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  const actual = response?.headers() ?? {};
  const html = (await response?.text()) ?? '';
  const styleHashes = inlineHashes(html, 'style');
  const scriptHashes = inlineHashes(html, 'script');
  expect(styleHashes.length, `inline critical CSS on ${path}`).toBeGreaterThan(0);
  expect(scriptHashes, `one inline bootstrap script on ${path}`).toHaveLength(1);
  const policy = headersFor(path, { mode: 'browser', styleHashes, scriptHashes });
  for (const [name, value] of Object.entries(policy)) {
    expect(actual[name.toLowerCase()], `${name} on ${path}`).toBe(value);
  }
  return response;
}

test('home, pricing and not-found pages carry the site policy and render under it', async ({
  page,
  home,
  pricing,
}) => {
  await openUnderPolicy(page, '/');
  await expect(home.heading).toBeVisible();
  await openUnderPolicy(page, '/pricing');
  await expect(pricing.heading).toBeVisible();
  await openUnderPolicy(page, '/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
});

test('the Success page gets the strict, first-party-only policy and no referrer', async ({
  page,
  success,
  stripe,
}) => {
  const path = `/success?session_id=${stripe.sessionId}`;
  const response = await openUnderPolicy(page, path);
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).not.toMatch(/stripe|https:/);
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-robots-tag']).toMatch(/noindex/);
  await expect(success.licenseKey).toBeVisible();
  await page.waitForLoadState('networkidle');
});

test('hashed assets are immutable for a year', async ({ page, pricing }) => {
  const assets: Response[] = [];
  const path = (url: string) => new URL(url).pathname;
  page.on('response', (response) => {
    if (path(response.url()).startsWith('/assets/')) assets.push(response);
  });
  await page.goto('/pricing');
  // The page's script (imported after the first paint) has run once it takes the button over;
  // then every asset the browser recorded must have been seen answering.
  await expect(pricing.buy).toBeEnabled();
  const loaded = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
  );
  const wanted = loaded.filter((p) => p.startsWith('/assets/'));
  expect(wanted.length).toBeGreaterThan(0);
  await expect
    .poll(() => wanted.filter((p) => !assets.some((asset) => path(asset.url()) === p)))
    .toEqual([]);
  for (const asset of assets) {
    expect(asset.headers()['cache-control'], asset.url()).toBe(
      'public, max-age=31536000, immutable',
    );
  }
});

test("pricing's buy intent and click load Stripe.js and leave without a violation", async ({
  page,
  pricing,
  stripe,
}) => {
  await openUnderPolicy(page, '/pricing');
  // The prerendered button is disabled until the page's script takes it over.
  await expect(pricing.buy).toBeEnabled();
  await pricing.buy.hover();
  await expect.poll(() => stripe.scriptRequests.length).toBe(1);
  await pricing.buy.click();
  await page.waitForURL(/\/success\?session_id=cs_test_/);
  expect(stripe.checkoutVisits).toHaveLength(1);
  await page.waitForLoadState('networkidle');
});

test('a third-party script the policy does not allow is reported (the watch works)', async ({
  page,
  problems,
}) => {
  await page.goto('/');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.src = 'https://cdn.example.net/tracker.js';
    document.head.append(script);
  });
  await expect
    .poll(() => problems.blocked.join('\n'))
    .toMatch(/script-src.*cdn\.example\.net|cdn\.example\.net/);
  // Expected here, so it must not fail this test; every other test keeps the list empty.
  problems.blocked.splice(0);
  problems.consoleErrors.splice(0);
});

test('GET /api/time is never cached and tells the time', async ({ page }) => {
  const before = Date.now();
  const response = await page.request.get('/api/time?nonce=e2e-4500');
  const after = Date.now();
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('no-store');
  const { unixSeconds } = (await response.json()) as { unixSeconds: number };
  const unixMs = unixSeconds * 1000;
  expect(unixMs).toBeGreaterThanOrEqual(before - 1000);
  expect(unixMs).toBeLessThanOrEqual(after + 1000);
  expect(Date.parse(response.headers().date ?? '')).toBeGreaterThan(before - 2000);
});
