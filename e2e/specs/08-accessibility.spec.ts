// Journey 8: axe finds no violations on the pages and states customers see, desktop and mobile.
import { expect, test } from '../fixtures/test';
import { axeAudit } from '../support/axe';

const PAGES = [
  { name: 'home', path: '/' },
  { name: 'pricing', path: '/pricing' },
  { name: 'success', path: '/success?session_id=cs_test_a1Accessible0123456789abcdefABCDEF' },
  { name: 'success error', path: '/success?session_id=%3Cscript%3E' },
  { name: 'not found', path: '/no/such/page' },
];
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 375, height: 812 },
];

for (const viewport of VIEWPORTS) {
  for (const { name, path } of PAGES) {
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
