// Journey 1: landing → pricing → buy → Stripe (stubbed at the network boundary) → /success. The key
// shown is the one the Go reference CLI derives for that session, and passes its validation.
import { expect, test } from '../fixtures/test';
import { goReference } from '../support/goReference';
import { STRIPE_PAYMENT_LINK } from '../support/settings';

test('a customer buys and lands on the Success page with the right key', async ({
  page,
  home,
  pricing,
  success,
  stripe,
}) => {
  await home.open();
  await expect(home.heading).toHaveText("Your AI forgets everything. Local Memory doesn't.");
  // Stripe.js is not loaded on the landing page.
  expect(stripe.scriptRequests).toEqual([]);

  await home.getLocalMemory.click();
  await expect(pricing.heading).toBeVisible();
  await expect(page).toHaveURL(/\/pricing$/);

  // Intent (hover) loads Stripe.js; the click goes to the Payment Link, which returns to /success.
  // (The prerendered button is disabled until the page's script takes it over.)
  await expect(pricing.buy).toBeEnabled();
  await pricing.buy.hover();
  await expect.poll(() => stripe.scriptRequests.length).toBe(1);
  expect(stripe.scriptRequests[0]).toMatch(/^https:\/\/js\.stripe\.com\//);
  await pricing.buy.click();
  await page.waitForURL(/\/success\?session_id=cs_test_/);
  expect(stripe.checkoutVisits).toEqual([STRIPE_PAYMENT_LINK]);
  expect(new URL(page.url()).searchParams.get('session_id')).toBe(stripe.sessionId);

  await expect(success.heading).toHaveText('Thank you for buying Local Memory');
  const key = (await success.licenseKey.textContent())?.trim() ?? '';
  const generated = goReference(['license', 'generate', '--session-id', stripe.sessionId]);
  expect(generated.status).toBe(0);
  expect(key).toBe(generated.json.licenseKey);
  const validated = goReference(['license', 'validate', key, '--session-id', stripe.sessionId]);
  expect(validated.status).toBe(0);
  expect(validated.json).toMatchObject({ valid: true });
  await expect(success.activationCommand).toHaveText(
    `local-memory license activate '${key}' --accept-terms`,
  );
});

test('Stripe.js is never loaded on the Success page', async ({ page, success, stripe }) => {
  await success.open(stripe.sessionId);
  await expect(success.licenseKey).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(stripe.scriptRequests).toEqual([]);
});
