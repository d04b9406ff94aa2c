// Journey 5: the same URL a day later shows the same key and fresh links (no storage gating).
// Expected key and links: the Go reference's, pinned.
import { stubStripe } from '../fixtures/stripe';
import { expect, test } from '../fixtures/test';
import { FakeTime } from '../fixtures/time';
import { SuccessPage } from '../pages/SuccessPage';
import { pinnedKey, pinnedUrl } from '../support/pinned';
import { ORIGIN } from '../support/settings';

const SESSION = 'cs_test_a1ReturnVisit0123456789abcdefABCDEF';

test('coming back a day later gives the same key and fresh links', async ({
  browser,
  time,
  success,
}) => {
  await time.install('2025-08-24T08:00:00Z');
  await success.open(SESSION);
  const key = pinnedKey(SESSION);
  await expect(success.licenseKey).toHaveText(key);
  await expect(success.recommended).toHaveAttribute('href', pinnedUrl(40_648, 'linux'));

  // A new browser context: nothing carried over, as on another day or device.
  const later = await browser.newContext();
  await stubStripe(later, ORIGIN);
  const page = await later.newPage();
  const laterTime = new FakeTime(page);
  await laterTime.install('2025-08-25T08:00:00Z');
  const again = new SuccessPage(page);
  await again.open(SESSION);
  await expect(again.licenseKey).toHaveText(key);
  // Two windows later: a fresh link, not the first visit's.
  await expect(again.recommended).toHaveAttribute('href', pinnedUrl(40_650, 'linux'));
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
  await later.close();
});
