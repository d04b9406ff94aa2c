// Journey 3: the copy button puts the exact key on the clipboard and announces it.
import { expect, test } from '../fixtures/test';
import { grantClipboard, readClipboard } from '../support/clipboard';

test('copying the key puts exactly the key on the clipboard and says so', async ({
  context,
  page,
  success,
}) => {
  await grantClipboard(context);
  await success.open('cs_test_a1CopyJourney0123456789abcdefABCDEF');
  const key = (await success.licenseKey.textContent())?.trim();
  expect(key).toMatch(/^LM(-[0-9A-Z]{4}){5}$/);
  await expect(success.status).toHaveText('');

  await success.copyKey.click();
  await expect(success.status).toHaveText('License key copied to the clipboard');
  await expect(success.status).toHaveAttribute('aria-live', 'polite');
  expect(await readClipboard(page)).toBe(key);

  await page.getByRole('button', { name: 'Copy activation command' }).click();
  await expect(success.activationStatus).toHaveText('Activation command copied to the clipboard');
  await expect(success.activationStatus).toHaveAttribute('aria-live', 'polite');
  expect(await readClipboard(page)).toBe(`local-memory license activate '${key}' --accept-terms`);
});
