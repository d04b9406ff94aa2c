// Journey 7: a build without its secret shows the operator error, never a key.
import { expect, test } from '../fixtures/test';
import { MISCONFIGURED_ORIGIN } from '../support/settings';

test('a deployment without a secret says so and shows no key', async ({ page }) => {
  await page.goto(
    `${MISCONFIGURED_ORIGIN}/success?session_id=cs_test_a1Misconfigured0123456789abcdef`,
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'This site is not configured correctly',
  );
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByLabel('License key', { exact: true })).toHaveCount(0);
  await expect(page.getByText(/LM(-[0-9A-Z]{4}){5}/)).toHaveCount(0);
  await expect(page.locator('a[data-platform]')).toHaveCount(0);
});

test('a deployment without Stripe settings shows no buy button that cannot work', async ({
  page,
}) => {
  await page.goto(`${MISCONFIGURED_ORIGIN}/pricing`);
  await expect(page.getByText('Buying is not available on this site right now.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Buy Local Memory' })).toHaveCount(0);
});
