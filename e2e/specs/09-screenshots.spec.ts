// Journey 9: every page and state, desktop and mobile, compared with the committed baselines in
// e2e/screenshots/ (toHaveScreenshot: animations off, caret hidden, at most 1% of pixels may
// differ; see playwright.config.ts). The clock and the server's Date are fixed, so the key, the
// links and "Links work until …" are the same on every run. After an intended visual change,
// regenerate the baselines with `npm run update-screenshots` (repo root) and
// review the new PNGs in the diff. A failure attaches expected, actual and diff to the report.
import { expect, test } from '../fixtures/test';
import { MISCONFIGURED_ORIGIN } from '../support/settings';

const AT = '2025-08-24T06:00:00Z';
const NOT_FOUND = "We couldn't find your purchase";
// `heading`: the level-1 heading of the state, where it is not the prerendered shell's (the
// Success document arrives as the paid page's shell, and becomes the error state once hydrated).
const STATES: readonly {
  name: string;
  url: string;
  heading?: string;
  settled?: readonly string[];
}[] = [
  { name: 'home', url: '/' },
  { name: 'pricing', url: '/pricing' },
  {
    name: 'success',
    url: '/success?session_id=cs_test_a1Screenshot0123456789abcdefABCDEF',
    // Loaded after the page: the release manifest and the lazy setup guide.
    settled: ['About this release', 'Set up and connect your tools'],
  },
  { name: 'success-missing-session', url: '/success', heading: NOT_FOUND },
  {
    name: 'success-hostile-session',
    url: '/success?session_id=%3Cimg%20src%3Dx%3E',
    heading: NOT_FOUND,
  },
  {
    name: 'success-misconfigured',
    url: `${MISCONFIGURED_ORIGIN}/success?session_id=cs_test_a1`,
    heading: 'This site is not configured correctly',
  },
  { name: 'not-found', url: '/no/such/page' },
];
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 375, height: 812 },
];

for (const size of SIZES) {
  for (const state of STATES) {
    test(`screenshot: ${state.name} (${size.name})`, async ({ page, time }) => {
      await time.install(AT);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(state.url);
      await expect(page.getByRole('heading', { level: 1, name: state.heading })).toBeVisible();
      for (const heading of state.settled ?? []) {
        await expect(page.getByRole('heading', { name: heading })).toBeVisible();
      }
      await page.evaluate(() => document.fonts.ready);
      await expect(page).toHaveScreenshot(`${state.name}-${size.name}.png`, { fullPage: true });
      // Nothing overflows sideways, on a phone least of all.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
}
