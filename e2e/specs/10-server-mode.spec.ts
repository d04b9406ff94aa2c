// Journey 10, server mode: the page holds no secret; the API gives a key only once the Stripe
// stand-in (reached by the real stripe SDK inside the API) says the session is paid.
//  - pay → /success shows the key the Go reference derives → the download is the stored ZIP;
//  - an unpaid session and an unknown one show no key;
//  - a delayed payment shows "processing", then the key once it settles.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { timeWindowAt } from '@local-memory/download-keys';
import { expect, test } from '../fixtures/serverMode';
import type { PageProblems } from '../fixtures/test';
import { StripeStandInPage } from '../pages/StripeStandInPage';
import { goReference } from '../support/goReference';
import { SERVER_MODE_ORIGIN } from '../support/settings';

test.use({ baseURL: SERVER_MODE_ORIGIN });

/**
 * Chromium logs every 4xx answer to a fetch as a console error. The answers a journey expects
 * (409 while a payment is processing, 404 for an unknown session) are taken off the list the
 * `problems` fixture checks; anything else still fails the test.
 */
function expectedApiAnswers(problems: PageProblems, statuses: readonly number[]): void {
  const expected = new RegExp(`status of (${statuses.join('|')}) \\(`);
  const rest = problems.consoleErrors.filter((message) => !expected.test(message));
  problems.consoleErrors.splice(0, problems.consoleErrors.length, ...rest);
}

test('a customer pays, gets the Go reference key, and downloads the stored ZIP', async ({
  page,
  pricing,
  success,
  serverSite,
}) => {
  const stripe = new StripeStandInPage(page);
  await pricing.open();
  await pricing.buy.click();
  await page.waitForURL(`${serverSite.stripeOrigin}/c/pay/**`);
  const sessionId = stripe.sessionId();
  await stripe.pay();
  await page.waitForURL(`${SERVER_MODE_ORIGIN}/success?session_id=${sessionId}`);

  await expect(success.heading).toHaveText('Thank you for buying Local Memory');
  const generated = goReference(['license', 'generate', '--session-id', sessionId]);
  expect(generated.status).toBe(0);
  const key = String(generated.json.key);
  await expect(success.licenseKey).toHaveText(key);
  await expect(success.activationCommand).toHaveText(
    `local-memory license activate ${key} --accept-terms`,
  );
  await expect(success.receipt).toContainText('@');

  // The download goes through the API, which checks the purchase again, then streams the file.
  await expect(success.recommended).toHaveAttribute('href', `/api/downloads/${sessionId}/linux`);
  const timeWindow = timeWindowAt(Date.now() / 1000);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    success.recommended.click(),
  ]);
  expect(download.suggestedFilename()).toBe('local-memory-linux.zip');
  const sha = createHash('sha256')
    .update(readFileSync(await download.path()))
    .digest('hex');
  expect(sha).toBe(serverSite.sha256(timeWindow, 'linux'));

  // The key email went out, to the buyer, with the key and the way back to this page.
  await expect
    .poll(async () => (await serverSite.mails()).filter((m) => m.text.includes(key)).length, {
      timeout: 10_000,
    })
    .toBe(1);
  const mail = (await serverSite.mails()).find((m) => m.text.includes(key));
  expect(mail?.text).toContain(`local-memory license activate ${key} --accept-terms`);
  expect(mail?.text).toContain(`/success?session_id=${sessionId}`);
});

test('an unpaid session and an unknown one show no key', async ({
  page,
  success,
  serverSite,
  problems,
  request,
}) => {
  // A Checkout Session that exists but was never paid.
  const created = await request.post(`${SERVER_MODE_ORIGIN}/api/checkout`, { data: {} });
  expect(created.status()).toBe(200);
  const payUrl = String(((await created.json()) as { url: unknown }).url);
  expect(payUrl.startsWith(`${serverSite.stripeOrigin}/c/pay/`)).toBe(true);
  const unpaid = payUrl.split('/').pop() ?? '';

  // Stripe says "unpaid": the API answers 409 and the page waits, showing no key.
  await success.open(unpaid);
  await expect(success.heading).toHaveText('Your payment is processing');
  await expect(success.licenseKey).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^Download/ })).toHaveCount(0);
  const direct = await request.get(`${SERVER_MODE_ORIGIN}/api/downloads/${unpaid}/linux`, {
    maxRedirects: 0,
  });
  expect(direct.status()).toBeGreaterThanOrEqual(400);

  const unknown = 'cs_test_a1NeverCreatedByTheStandIn0123456789abcdefABCDEF';
  await success.open(unknown);
  await expect(success.heading).toHaveText("We couldn't find your purchase");
  await expect(success.licenseKey).toHaveCount(0);
  await expect(page.getByLabel('The email address you paid with')).toBeVisible();
  expectedApiAnswers(problems, [402, 404, 409]);
});

test('a bank transfer shows "processing", then the key once it settles', async ({
  page,
  pricing,
  success,
  problems,
}) => {
  test.setTimeout(60_000);
  const stripe = new StripeStandInPage(page);
  await pricing.open();
  await pricing.buy.click();
  await page.waitForURL('**/c/pay/**');
  const sessionId = stripe.sessionId();
  await stripe.payByBankTransfer();
  await page.waitForURL(`${SERVER_MODE_ORIGIN}/success?session_id=${sessionId}`);

  await expect(success.heading).toHaveText('Your payment is processing');
  await expect(success.progress).toContainText('checks again by itself');
  await expect(success.licenseKey).toHaveCount(0);

  const key = String(goReference(['license', 'generate', '--session-id', sessionId]).json.key);
  await expect(success.licenseKey).toHaveText(key, { timeout: 45_000 });
  await expect(success.heading).toHaveText('Thank you for buying Local Memory');
  expectedApiAnswers(problems, [409]);
});
