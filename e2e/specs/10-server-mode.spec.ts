// Journey 10, server mode: the page holds no secret; the API gives a key only once the Stripe
// stand-in (reached by the real stripe SDK inside the API) says the session is paid.
//  - pay → /success shows the key the Go reference derives → the download is the stored ZIP;
//  - an unpaid session and an unknown one show no key;
//  - a delayed payment shows "processing", then the key once it settles;
//  - a refund takes the key and downloads away; another product's payment gives none; Stripe
//    down means "our server is unreachable" and Retry works once it is back;
//  - a buyer who lost the address has the key emailed again (and a stranger gets the same answer);
//  - axe finds nothing wrong with the server-mode states.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { timeWindowAt } from '@local-memory/download-keys';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/serverMode';
import type { PageProblems } from '../fixtures/test';
import type { PricingPage } from '../pages/PricingPage';
import { StripeStandInPage } from '../pages/StripeStandInPage';
import { axeAudit } from '../support/axe';
import { goReference } from '../support/goReference';
import { STOREFRONT_ENV } from '../support/settings';

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

/** Buy from /pricing, as a customer does: the API sends the browser to the stand-in's pay page. */
async function checkOut(
  page: Page,
  pricing: PricingPage,
  stripeOrigin: string,
): Promise<StripeStandInPage> {
  await pricing.open();
  await pricing.buy.click();
  await page.waitForURL(`${stripeOrigin}/c/pay/**`);
  return new StripeStandInPage(page);
}

test('a customer pays, gets the Go reference key, and downloads the stored ZIP', async ({
  page,
  pricing,
  success,
  serverSite,
}) => {
  const stripe = await checkOut(page, pricing, serverSite.stripeOrigin);
  const sessionId = stripe.sessionId();
  await stripe.pay();
  await page.waitForURL(`${serverSite.origin}/success?session_id=${sessionId}`);

  await expect(success.heading).toHaveText('Thank you for buying Local Memory');
  const generated = goReference(['license', 'generate', '--session-id', sessionId]);
  expect(generated.status).toBe(0);
  const key = String(generated.json.licenseKey);
  await expect(success.licenseKey).toHaveText(key);
  await expect(success.activationCommand).toHaveText(
    `local-memory license activate '${key}' --accept-terms`,
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
  expect(mail?.text).toContain(`local-memory license activate '${key}' --accept-terms`);
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
  // As the site's own page sends it: the API refuses checkouts from any other origin.
  const created = await request.post(`${serverSite.origin}/api/checkout`, {
    data: {},
    headers: { origin: serverSite.origin },
  });
  expect(created.status()).toBe(200);
  const payUrl = String(((await created.json()) as { url: unknown }).url);
  expect(payUrl.startsWith(`${serverSite.stripeOrigin}/c/pay/`)).toBe(true);
  const unpaid = payUrl.split('/').pop() ?? '';

  // Stripe says "unpaid": the API answers 409 and the page waits, showing no key.
  await success.open(unpaid);
  await expect(success.heading).toHaveText('Your payment is processing');
  await expect(success.licenseKey).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^Download/ })).toHaveCount(0);
  const direct = await request.get(`${serverSite.origin}/api/downloads/${unpaid}/linux`, {
    maxRedirects: 0,
  });
  expect(direct.status()).toBeGreaterThanOrEqual(400);

  const unknown = 'cs_test_a1NeverCreatedByTheStandIn0123456789abcdefABCDEF';
  await success.open(unknown);
  await expect(success.heading).toHaveText("We couldn't find your purchase");
  await expect(success.licenseKey).toHaveCount(0);
  await expect(success.resendEmail).toBeVisible();
  expectedApiAnswers(problems, [402, 404, 409]);
});

test('a bank transfer shows "processing", then the key once it settles', async ({
  page,
  pricing,
  success,
  problems,
  serverSite,
}) => {
  test.setTimeout(60_000);
  const stripe = await checkOut(page, pricing, serverSite.stripeOrigin);
  const sessionId = stripe.sessionId();
  await stripe.payByBankTransfer();
  await page.waitForURL(`${serverSite.origin}/success?session_id=${sessionId}`);

  await expect(success.heading).toHaveText('Your payment is processing');
  await expect(success.progress).toContainText('checks again by itself');
  await expect(success.licenseKey).toHaveCount(0);

  const key = String(
    goReference(['license', 'generate', '--session-id', sessionId]).json.licenseKey,
  );
  await expect(success.licenseKey).toHaveText(key, { timeout: 45_000 });
  await expect(success.heading).toHaveText('Thank you for buying Local Memory');
  expectedApiAnswers(problems, [409]);
});

test('refunded, another product, and Stripe down: no key, and a way forward', async ({
  page,
  success,
  serverSite,
  problems,
  request,
}) => {
  const { standin } = serverSite;
  // Paid, seen, then refunded: the page and the download both refuse.
  const paid = standin.createSession({ successUrl: `${serverSite.origin}/success` });
  standin.markPaid(paid.id);
  await success.open(paid.id);
  await expect(success.licenseKey).toBeVisible();
  expect(await standin.refund(paid.id)).toBe(200);
  await page.reload();
  await expect(success.heading).toHaveText('This purchase was refunded');
  await expect(success.licenseKey).toHaveCount(0);
  const download = await request.get(`${serverSite.origin}/api/downloads/${paid.id}/linux`, {
    maxRedirects: 0,
  });
  expect(download.status()).toBe(410);

  // Paid, but for another price in the same Stripe account.
  const other = standin.createSession({ priceId: 'price_someOtherProduct' });
  standin.markPaid(other.id);
  await success.open(other.id);
  await expect(success.heading).toHaveText('This payment is not for Local Memory');
  await expect(success.licenseKey).toHaveCount(0);

  // Stripe answers 500s: the page says so, keeps the support address, and Retry recovers.
  const later = standin.createSession();
  standin.markPaid(later.id);
  standin.fault.mode = 'error';
  try {
    await success.open(later.id);
    await expect(success.heading).toHaveText('Our server is unreachable', { timeout: 15_000 });
    await expect(page.getByRole('alert')).toContainText('Your payment is not affected');
    await expect(
      page.getByRole('link', { name: STOREFRONT_ENV.VITE_SUPPORT_EMAIL }).first(),
    ).toBeVisible();
    await expect(success.licenseKey).toHaveCount(0);
  } finally {
    standin.fault.mode = 'none';
  }
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(success.licenseKey).toHaveText(
    String(goReference(['license', 'generate', '--session-id', later.id]).json.licenseKey),
  );
  expectedApiAnswers(problems, [403, 410, 503]);
});

test('a buyer who lost the address has the key emailed again; a stranger sees the same', async ({
  page,
  pricing,
  success,
  serverSite,
}) => {
  const buyer = `lost-${randomBytes(6).toString('hex')}@example.com`;
  const stripe = await checkOut(page, pricing, serverSite.stripeOrigin);
  const sessionId = stripe.sessionId();
  await stripe.pay(buyer);
  await expect(success.licenseKey).toBeVisible();
  const key = (await success.licenseKey.textContent())?.trim() ?? '';
  const mailsTo = async (to: string) =>
    (await serverSite.mails()).filter((m) => m.to.includes(to)).length;
  await expect.poll(() => mailsTo(buyer)).toBe(1);

  await success.open();
  await expect(success.heading).toHaveText("We couldn't find your purchase");
  await success.resend(buyer);
  const confirmation = page.getByRole('status');
  await expect(confirmation).toContainText('If that address bought Local Memory');
  const said = await confirmation.textContent();
  await expect.poll(() => mailsTo(buyer), { timeout: 10_000 }).toBe(2);
  const again = (await serverSite.mails()).filter((m) => m.to.includes(buyer))[1];
  expect(again?.text).toContain(key);
  expect(again?.text).toContain(`/success?session_id=${sessionId}`);

  const stranger = `stranger-${randomBytes(6).toString('hex')}@example.com`;
  await success.open();
  await success.resend(stranger);
  await expect(page.getByRole('status')).toHaveText(said ?? '');
  await page.waitForTimeout(1_000);
  expect(await mailsTo(stranger)).toBe(0);
});

test('the server-mode states have no axe violations', async ({
  page,
  pricing,
  success,
  problems,
  serverSite,
}) => {
  test.setTimeout(60_000);
  const axe = async () => (await axeAudit(page)).violations;
  const stripe = await checkOut(page, pricing, serverSite.stripeOrigin);
  await stripe.payByBankTransfer();
  await expect(success.heading).toHaveText('Your payment is processing');
  expect(await axe(), 'processing').toEqual([]);
  await expect(success.licenseKey).toBeVisible({ timeout: 45_000 });
  expect(await axe(), 'paid').toEqual([]);
  await success.open('cs_test_a1NoSuchPurchaseForAxe0123456789abcdefABCDEF');
  await expect(success.heading).toHaveText("We couldn't find your purchase");
  expect(await axe(), 'not found with the resend form').toEqual([]);
  expectedApiAnswers(problems, [404, 409]);
});
