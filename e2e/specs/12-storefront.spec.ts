// Journey 12: the storefront buyers and Stripe accept. The price is on the page before buying,
// every legal page is one click from the footer, the Success page states the release (checked
// against the manifest the store holds), every page arrives prerendered and hydrates without a
// warning, reads fine with JavaScript off, and passes axe at 375 px and on the desktop.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleMessage, Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import { axeAudit } from '../support/axe';
import { reactOwnsMain } from '../support/hydration';
import { ORIGIN, STORE_DIR, STOREFRONT_ENV } from '../support/settings';

const SESSION = 'cs_test_a1StorefrontJourney0123456789abcdefABC';
const STATIC_PAGES = [
  { path: '/', heading: "Your AI forgets everything. Local Memory doesn't." },
  { path: '/pricing', heading: 'Pricing' },
  { path: '/terms', heading: 'Terms of sale and license' },
  { path: '/privacy', heading: 'Privacy' },
  { path: '/refunds', heading: 'Refunds' },
  { path: '/no/such/page', heading: 'Page not found' },
];

interface ManifestEntry {
  filename: string;
  size: number;
  sha256: string;
}

/** The manifest as download-ops wrote it into the store, read here on its own. */
function storedManifest(): {
  build: { version?: string };
  artifacts: Record<string, ManifestEntry>;
} {
  return JSON.parse(readFileSync(join(STORE_DIR, 'downloads', 'release.json'), 'utf8'));
}

/** Every console message mentioning hydration, of any level. */
function watchHydration(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (/hydrat|did not match|server rendered|mismatch/i.test(message.text()))
      messages.push(`${message.type()}: ${message.text()}`);
  });
  return messages;
}

/** Remember the prerendered <h1> before any script runs, to check hydration kept it. */
async function rememberPrerenderedHeading(page: Page): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive')
        (window as { __prerenderedH1?: Element | null }).__prerenderedH1 =
          document.querySelector('h1');
    });
  });
}

test.describe('price', () => {
  test('is on the pricing page before buying, with currency, tax note and the terms', async ({
    page,
    pricing,
  }) => {
    await pricing.open();
    const plan = page.getByRole('region', { name: 'Local Memory license' });
    // 39.00 EUR (VITE_PRICE) in the browser's en-US locale.
    await expect(plan.getByText('€39.00', { exact: true })).toBeVisible();
    await expect(plan.getByText('EUR, one payment')).toBeVisible();
    await expect(plan).toContainText('VAT or sales tax');
    await expect(plan).not.toContainText('Demo price');
    const priceBox = await plan.getByText('€39.00', { exact: true }).boundingBox();
    const buyBox = await pricing.buy.boundingBox();
    expect(priceBox && buyBox && priceBox.y < buyBox.y, 'price above the Buy button').toBe(true);
    await expect(plan.getByRole('link', { name: 'terms of sale and license' })).toHaveAttribute(
      'href',
      '/terms',
    );
    await expect(plan).toContainText(`${STOREFRONT_ENV.VITE_REFUND_DAYS} days to ask`);
  });

  test('is in the home page’s call to action, in the visitor’s locale', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/`);
    const cta = page.getByRole('region', { name: 'One purchase, every platform' });
    // Prerendered in en-US, then the visitor's notation once hydrated.
    await expect(cta.getByText('39,00 €', { exact: true })).toBeVisible();
    await context.close();
  });
});

test.describe('legal pages', () => {
  for (const [link, heading, path] of [
    ['Terms', 'Terms of sale and license', '/terms'],
    ['Privacy', 'Privacy', '/privacy'],
    ['Refunds', 'Refunds', '/refunds'],
  ]) {
    test(`${link} is reachable from the footer of every page and names the operator`, async ({
      page,
      store,
    }) => {
      await store.stock(Math.floor(Date.now() / 1000));
      for (const from of ['/', '/pricing', `/success?session_id=${SESSION}`]) {
        await page.goto(from);
        await page.getByRole('contentinfo').getByRole('link', { name: link, exact: true }).click();
        await expect(page).toHaveURL(`${ORIGIN}${path}`);
        await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
        await expect(page.getByRole('main')).toContainText(STOREFRONT_ENV.VITE_LEGAL_NAME);
        await expect(page.getByRole('main')).toContainText(STOREFRONT_ENV.VITE_LEGAL_ADDRESS);
      }
    });
  }

  test('say one license per person on every computer, the refund window, and what is kept', async ({
    page,
  }) => {
    await page.goto('/terms');
    await expect(page.getByRole('main')).toContainText('every computer you use');
    await page.goto('/refunds');
    await expect(page.getByRole('main')).toContainText(`${STOREFRONT_ENV.VITE_REFUND_DAYS} days`);
    await page.goto('/privacy');
    await expect(page.getByRole('main')).toContainText(
      'this site keeps no record of your purchase',
    );
    await expect(page.getByRole('main')).toContainText('Stripe');
  });
});

test.describe('release details on the Success page', () => {
  test('match the manifest in the store, and each checksum command names the right file', async ({
    store,
    success,
  }) => {
    await store.stock(Math.floor(Date.now() / 1000));
    const manifest = storedManifest();
    await success.open(SESSION);
    const release = success.release;
    await expect(release).toBeVisible();
    await expect(release.getByTestId('release-version')).toHaveText(
      manifest.build.version ?? 'not stated',
    );
    const commands: Record<string, (file: string) => string[]> = {
      macos: (f) => [`shasum -a 256 ${f}`],
      windows: (f) => [`Get-FileHash ${f} -Algorithm SHA256`],
      linux: (f) => [`sha256sum ${f}`],
      universal: (f) => [
        `shasum -a 256 ${f}`,
        `Get-FileHash ${f} -Algorithm SHA256`,
        `sha256sum ${f}`,
      ],
    };
    expect(Object.keys(manifest.artifacts).sort()).toEqual(Object.keys(commands).sort());
    for (const [platform, entry] of Object.entries(manifest.artifacts)) {
      const block = release.locator(`[data-platform="${platform}"]`);
      await expect(block.locator('code', { hasText: entry.sha256 })).toHaveText(entry.sha256);
      await expect(block).toContainText(`${entry.filename}, `);
      await expect(block).toContainText(`(${entry.size.toLocaleString('en-US')} bytes)`);
      const shown = await block.locator('.release__commands code').allTextContents();
      expect(shown, platform).toEqual(commands[platform]?.(entry.filename));
      await expect(block).toContainText('Requires');
    }
  });

  test('say so quietly when the manifest cannot be read, and the page still works', async ({
    page,
    success,
  }) => {
    await page.route('**/downloads/release.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"schemaVersion":9}' }),
    );
    await success.open(SESSION);
    await expect(success.licenseKey).toHaveText(/^LM(-[0-9A-Z]{4}){5}$/);
    await expect(success.recommended).toBeVisible();
    await expect(page.getByText(/Release details .* are not available right now/)).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});

test.describe('prerendering', () => {
  for (const { path, heading } of STATIC_PAGES) {
    test(`${path} hydrates its prerendered HTML without a warning`, async ({ page }) => {
      const hydration = watchHydration(page);
      await rememberPrerenderedHeading(page);
      const response = await page.goto(path);
      expect(response?.status()).toBe(path === '/no/such/page' ? 404 : 200);
      const html = (await response?.text()) ?? '';
      expect(html, 'the document itself holds the page').toContain(`data-route=`);
      expect(html).toMatch(new RegExp(`<h1[^>]*>${heading.replace(/'/g, '&#x27;')}</h1>`));
      // Hydrated: React owns the page (its fibers are on <main>) and kept the prerendered
      // heading instead of drawing a new one, as it would after a mismatch.
      await expect
        .poll(
          async () =>
            (await reactOwnsMain(page)) &&
            page.evaluate(() => {
              const before = (window as { __prerenderedH1?: Element | null }).__prerenderedH1;
              return before != null && before === document.querySelector('h1');
            }),
        )
        .toBe(true);
      expect(hydration).toEqual([]);
    });
  }

  test('/success arrives as a shell with its headings and a key-sized placeholder', async ({
    page,
    success,
  }) => {
    const hydration = watchHydration(page);
    const response = await page.request.get(`/success?session_id=${SESSION}`);
    const html = await response.text();
    expect(html).toContain('<h1>Thank you for buying Local Memory</h1>');
    expect(html).toContain('Your license key</h2>');
    expect(html).toMatch(/license-key--placeholder" aria-hidden="true">LM(-0000){5}</);
    expect(html).toContain('role="status">Loading your license key…</p>');
    expect(html).toContain('<meta name="robots" content="noindex" />');
    // The real key box takes the placeholder's place at the same height: nothing moves, on a
    // phone or on the desktop, while the key, the downloads and the release details appear.
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.addInitScript(() => {
        const w = window as { __shift?: number };
        w.__shift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & {
            value: number;
            hadRecentInput: boolean;
          })[])
            if (!entry.hadRecentInput) w.__shift = (w.__shift ?? 0) + entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await success.open(SESSION);
      await expect(success.licenseKey).toHaveText(/^LM(-[0-9A-Z]{4}){5}$/);
      await expect(success.release).toBeVisible();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      expect(
        await page.evaluate(() => (window as { __shift?: number }).__shift),
        `${width} px`,
      ).toBe(0);
    }
    expect(hydration).toEqual([]);
  });

  test('every static page is readable with JavaScript off', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const { path, heading } of STATIC_PAGES) {
      await page.goto(`${ORIGIN}${path}`);
      await expect(page.getByRole('heading', { level: 1, name: heading }), path).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Legal and pricing' })).toBeVisible();
      // The inline CSS applies without any script: the header is laid out as a flex row.
      expect(
        await page.locator('.site-header__nav').evaluate((el) => getComputedStyle(el).display),
      ).toBe('flex');
    }
    await page.goto(`${ORIGIN}/pricing`);
    await expect(page.getByText('€39.00', { exact: true })).toBeVisible();
    await page.goto(`${ORIGIN}/terms`);
    await expect(page.getByRole('main')).toContainText('every computer you use');
    await page.goto(`${ORIGIN}/success?session_id=${SESSION}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Thank you for buying Local Memory',
    );
    await expect(page.getByText(/please turn on\s+JavaScript/)).toBeVisible();
    await context.close();
  });
});

test.describe('search and sharing', () => {
  test('robots.txt and sitemap.xml list the public pages; /success and not-found are noindex', async ({
    request,
  }) => {
    const robots = await (await request.get('/robots.txt')).text();
    expect(robots).toMatch(/^Sitemap: https:\/\/\S+\/sitemap\.xml$/m);
    const sitemap = await (await request.get('/sitemap.xml')).text();
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(
      (m) => new URL(m[1] ?? '').pathname,
    );
    expect(locs).toEqual(['/', '/pricing', '/terms', '/privacy', '/refunds', '/docs/setup']);
    for (const path of [`/success?session_id=${SESSION}`, '/no/such/page']) {
      const html = await (await request.get(path, { headers: { accept: 'text/html' } })).text();
      expect(html, path).toContain('<meta name="robots" content="noindex" />');
    }
  });

  test('pages carry a canonical URL, social cards with an image, icons and a theme colour', async ({
    page,
    request,
  }) => {
    await page.goto('/pricing');
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(new URL(canonical ?? '').pathname).toBe('/pricing');
    const image = await page.locator('meta[property="og:image"]').getAttribute('content');
    await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute(
      'content',
      'summary_large_image',
    );
    await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', /^#/);
    const png = await request.get(new URL(image ?? '').pathname);
    expect(png.headers()['content-type']).toBe('image/png');
    const bytes = await png.body();
    expect(bytes.readUInt32BE(16), 'width').toBe(1200);
    expect(bytes.readUInt32BE(20), 'height').toBe(630);
    for (const icon of [
      '/favicon.ico',
      '/favicon.svg',
      '/apple-touch-icon.png',
      '/site.webmanifest',
    ])
      expect((await request.get(icon)).status(), icon).toBe(200);
  });

  test('the deploy folder serves no source maps', async ({ page, request }) => {
    await page.goto('/');
    await expect.poll(() => reactOwnsMain(page)).toBe(true);
    // The document's inline bootstrap imports the entry, which imports the rest: every script
    // the page loaded, as the browser recorded it.
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((url) => new URL(url).pathname.endsWith('.js')),
    );
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const body = await (await request.get(src)).text();
      expect(body).not.toContain('sourceMappingURL');
      expect((await request.get(`${src}.map`)).headers()['content-type'] ?? '').not.toContain(
        'json',
      );
    }
  });
});

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 375, height: 812 },
];
// The legal pages. Pricing with its price is journey 8's; the Success page with its release
// details, and its setup guide open, is journey 13's.
const AXE_PAGES = [
  { name: 'terms', path: '/terms' },
  { name: 'privacy', path: '/privacy' },
  { name: 'refunds', path: '/refunds' },
];
for (const viewport of VIEWPORTS) {
  for (const { name, path } of AXE_PAGES) {
    test(`${name} has no axe violations (${viewport.name})`, async ({ page }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const { violations, passes } = await axeAudit(page);
      expect(violations).toEqual([]);
      expect(passes).toBeGreaterThan(10);
    });
  }
}
