// Journey 8: axe finds no violations on the pages and states customers see, desktop and mobile.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import { axeAudit } from '../support/axe';

// `ready`: what shows once the page's script has run. The prerendered Success document is the
// paid page's shell, so its heading alone does not say which state the page is in.
const PAGES: { name: string; path: string; ready?: (page: Page) => Locator }[] = [
  { name: 'home', path: '/' },
  { name: 'pricing', path: '/pricing' },
  {
    name: 'success',
    path: '/success?session_id=cs_test_a1Accessible0123456789abcdefABCDEF',
    ready: (page) => page.getByLabel('License key', { exact: true }),
  },
  {
    name: 'success error',
    path: '/success?session_id=%3Cscript%3E',
    ready: (page) =>
      page.getByRole('heading', { level: 1, name: "We couldn't find your purchase" }),
  },
  { name: 'not found', path: '/no/such/page' },
];
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 375, height: 812 },
];

for (const viewport of VIEWPORTS) {
  for (const { name, path, ready } of PAGES) {
    test(`${name} has no axe violations (${viewport.name})`, async ({ page }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.goto(path);
      await expect(ready?.(page) ?? page.getByRole('heading', { level: 1 })).toBeVisible();
      const { violations, passes } = await axeAudit(page);
      expect(violations).toEqual([]);
      expect(passes).toBeGreaterThan(10);
    });
  }
}
