// Journey 9: screenshots of every page and state, desktop and mobile, kept as test artifacts
// (test-results/…, attached to the HTML report; CI uploads both).
import { expect, test } from '../fixtures/test';
import { MISCONFIGURED_ORIGIN } from '../support/settings';

const STATES = [
  { name: 'home', url: '/' },
  { name: 'pricing', url: '/pricing' },
  { name: 'success', url: '/success?session_id=cs_test_a1Screenshot0123456789abcdefABCDEF' },
  { name: 'success-missing-session', url: '/success' },
  { name: 'success-hostile-session', url: '/success?session_id=%3Cimg%20src%3Dx%3E' },
  { name: 'success-misconfigured', url: `${MISCONFIGURED_ORIGIN}/success?session_id=cs_test_a1` },
  { name: 'not-found', url: '/no/such/page' },
];
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 375, height: 812 },
];

for (const size of SIZES) {
  for (const state of STATES) {
    test(`screenshot: ${state.name} (${size.name})`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(state.url);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      const path = testInfo.outputPath(`${state.name}-${size.name}.png`);
      const png = await page.screenshot({ path, fullPage: true });
      // A real PNG of a rendered page, not an empty capture.
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.length).toBeGreaterThan(10_000);
      await testInfo.attach(`${state.name}-${size.name}`, { path, contentType: 'image/png' });
      // Nothing overflows sideways on a phone.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
}
