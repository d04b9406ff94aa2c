// Journey 4: at 11:59:50 UTC the links belong to one window; after the clock passes 12:00 they
// belong to the next one, without a reload. Expected links: the Go reference's, pinned.
import { expect, test } from '../fixtures/test';
import { pinnedUrl } from '../support/pinned';

test('links roll over to the next window while the page stays open', async ({
  page,
  time,
  success,
}) => {
  await time.install('2025-08-24T11:59:50Z');
  await success.open('cs_test_a1RolloverJourney0123456789abcdefABCDEF');
  await expect(success.recommended).toHaveAttribute('href', pinnedUrl(40_648, 'linux'));
  const expiryBefore = await success.expiry.textContent();
  let navigations = 0;
  page.on('framenavigated', () => navigations++);

  await time.fastForward(20_000);
  await expect(success.recommended).toHaveAttribute('href', pinnedUrl(40_649, 'linux'));
  await expect(success.expiry).not.toHaveText(expiryBefore ?? '');
  expect(navigations).toBe(0);
});
