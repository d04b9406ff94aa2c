// Journey 6: what is not a Checkout session id gets a helpful message and a way forward: never a
// key, never a dialog, never script execution, never a console error. Text stays text.
import { expect, test } from '../fixtures/test';
import { STOREFRONT_ENV } from '../support/settings';

const HOSTILE = [
  { name: 'no session_id', query: undefined },
  { name: 'an empty session_id', query: '' },
  { name: 'a malformed id', query: 'not-a-checkout-session' },
  { name: 'a prefix only', query: 'cs_test_' },
  { name: 'a 10,000-character id', query: `cs_test_${'a'.repeat(9_992)}` },
  { name: 'a <script> payload', query: encodeURIComponent('<script>window.__pwned=1</script>') },
  {
    name: 'an <img onerror> payload',
    query: encodeURIComponent('cs_test_"><img src=x onerror="window.__pwned=1">'),
  },
  { name: 'unicode', query: encodeURIComponent('cs_test_ünïcødé☃️🙂') },
  { name: 'a right-to-left override', query: encodeURIComponent('cs_test_\u202Eevil') },
];

for (const { name, query } of HOSTILE) {
  test(`${name}: a helpful message and no key`, async ({ page, success }) => {
    await success.open(query);
    await expect(success.heading).toHaveText("We couldn't find your purchase");
    await expect(page.getByRole('heading', { name: 'What to do' })).toBeVisible();
    await expect(
      page.getByRole('link', { name: STOREFRONT_ENV.VITE_SUPPORT_EMAIL }).first(),
    ).toBeVisible();
    await expect(success.licenseKey).toHaveCount(0);
    await expect(page.getByText(/LM(-[0-9A-Z]{4}){5}/)).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    // Markup from the URL is never turned into elements.
    await expect(page.locator('main img, main script')).toHaveCount(0);
  });
}
