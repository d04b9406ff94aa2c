// Journey 5: the same URL a day later shows the same key and fresh links (no storage gating).
import { downloadUrl, timeWindowAt } from '@local-memory/download-keys';
import { stubStripe } from '../fixtures/stripe';
import { expect, test } from '../fixtures/test';
import { FakeTime } from '../fixtures/time';
import { SuccessPage } from '../pages/SuccessPage';
import { E2E_SECRET, ORIGIN } from '../support/settings';

const SESSION = 'cs_test_a1ReturnVisit0123456789abcdefABCDEF';

test('coming back a day later gives the same key and fresh links', async ({
  browser,
  time,
  success,
}) => {
  await time.install('2025-08-24T08:00:00Z');
  await success.open(SESSION);
  const key = await success.licenseKey.textContent();
  const firstHref = await success.recommended.getAttribute('href');

  // A new browser context: nothing carried over, as on another day or device.
  const later = await browser.newContext();
  await stubStripe(later, ORIGIN);
  const page = await later.newPage();
  const laterTime = new FakeTime(page);
  await laterTime.install('2025-08-25T08:00:00Z');
  const again = new SuccessPage(page);
  await again.open(SESSION);
  await expect(again.licenseKey).toHaveText(key ?? '');
  const freshWindow = timeWindowAt(laterTime.startSeconds);
  expect(freshWindow).toBe(timeWindowAt(time.startSeconds) + 2);
  await expect(again.recommended).toHaveAttribute(
    'href',
    downloadUrl('/downloads', E2E_SECRET, freshWindow, 'linux'),
  );
  expect(await again.recommended.getAttribute('href')).not.toBe(firstHref);
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
  await later.close();
});
