// Journey 16, "My purchases" (/account) in server mode, against the API's local stack:
//  - a buyer pays twice with one address on the Stripe stand-in, and one of the licenses is
//    activated on a machine through the API (/api/licenses/activate), as the program does;
//  - on /account they ask for a link: it arrives at the local SMTP server; opening it signs them in
//    (the token leaves the address) and shows both purchases, newest first, with their keys;
//  - a download from the page gives the ZIP; the machine is released (after a confirmation);
//  - signing out ends the session on the server: the old cookie gets 401 not_signed_in;
//  - the same at 375 px wide, with axe finding nothing at either width;
//  - /account is served with its own headers: first-party-only CSP, no Referer, noindex.
import { randomBytes } from 'node:crypto';
import { headersFor } from '@local-memory/site-policy';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, type ServerSite, test } from '../fixtures/serverMode';
import { AccountPage } from '../pages/AccountPage';
import type { PricingPage } from '../pages/PricingPage';
import { StripeStandInPage } from '../pages/StripeStandInPage';
import type { SuccessPage } from '../pages/SuccessPage';
import { axeAudit } from '../support/axe';

const MACHINE_NAME = 'E2E laptop';

/** Buy once from /pricing as `email`; the license key the Success page shows. */
async function buy(
  page: Page,
  pricing: PricingPage,
  success: SuccessPage,
  site: ServerSite,
  email: string,
): Promise<string> {
  await pricing.open();
  await pricing.buy.click();
  await page.waitForURL(`${site.stripeOrigin}/c/pay/**`);
  await new StripeStandInPage(page).pay(email);
  await expect(success.licenseKey).toBeVisible();
  return (await success.licenseKey.textContent())?.trim() ?? '';
}

/** Activate a license on a new machine through the API, as the program does. */
async function activate(request: APIRequestContext, site: ServerSite, licenseKey: string) {
  const machine = randomBytes(16).toString('base64url'); // 22 characters
  const answer = await request.post(`${site.origin}/api/licenses/activate`, {
    data: { licenseKey, machine, platform: 'linux', appVersion: '1.0.0', name: MACHINE_NAME },
  });
  expect(answer.status(), await answer.text()).toBe(201);
  return machine;
}

/** The sign-in link in the newest mail to `to`, once it has arrived. */
async function signInLink(site: ServerSite, to: string): Promise<string> {
  const linkIn = async () => {
    const mails = (await site.mails()).filter((m) => m.to.includes(to));
    for (const mail of mails.reverse()) {
      const found = /https?:\/\/\S+\/account#link=[A-Za-z0-9_.-]+/.exec(mail.text);
      if (found) return found[0];
    }
    return null;
  };
  await expect.poll(linkIn, { timeout: 15_000 }).not.toBeNull();
  return (await linkIn()) ?? '';
}

async function expectNoAxeViolations(page: Page, state: string) {
  const { violations, passes } = await axeAudit(page);
  expect(violations, state).toEqual([]);
  expect(passes, state).toBeGreaterThan(10);
}

for (const width of [1280, 375] as const) {
  test(`a buyer signs in by email link and manages both purchases (${width} px)`, async ({
    page,
    pricing,
    success,
    serverSite,
    request,
    context,
    problems,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 800 });
    const buyer = `account-${randomBytes(6).toString('hex')}@example.com`;
    const olderKey = await buy(page, pricing, success, serverSite, buyer);
    const newerKey = await buy(page, pricing, success, serverSite, buyer);
    expect(newerKey).not.toBe(olderKey);
    await activate(request, serverSite, newerKey);

    // Ask for a link: the page says the same whoever asks.
    const account = new AccountPage(page);
    await account.open();
    await expect(account.heading).toHaveText('Your purchases');
    await expectNoAxeViolations(page, 'sign-in form');
    await account.requestLink(buyer);
    await expect(page.getByRole('status')).toContainText(
      `If ${buyer} bought Local Memory, a sign-in link is on its way to it.`,
    );
    await expectNoAxeViolations(page, 'check your email');

    // The email arrives at the local SMTP server; its link signs the buyer in.
    const link = await signInLink(serverSite, buyer);
    expect(link.startsWith(`${serverSite.origin}/account#link=`)).toBe(true);
    // As a click in the mail does: a fresh load of the page.
    await page.goto('about:blank');
    await page.goto(link);
    await expect(account.signedInAs).toHaveText(`Signed in as ${buyer}`);
    expect(new URL(page.url()).hash).toBe('');

    // Both purchases, newest first, each with its own key, command and downloads.
    await expect(account.purchases).toHaveCount(2);
    await expect(account.purchases.nth(0).getByLabel('License key', { exact: true })).toHaveText(
      newerKey,
    );
    await expect(account.purchases.nth(1).getByLabel('License key', { exact: true })).toHaveText(
      olderKey,
    );
    const newer = account.purchase(newerKey);
    await expect(newer.getByRole('figure', { name: 'Activation command' })).toContainText(newerKey);
    await expect(newer.getByText('Paid', { exact: true })).toBeVisible();
    await expectNoAxeViolations(page, 'purchases');
    // Nothing sticks out sideways on a phone.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    // A download from the page gives the ZIP (the API checks the purchase, then serves it).
    for (const key of [newerKey, olderKey]) {
      const href = await account.download(account.purchase(key), 'linux').getAttribute('href');
      expect(href).toMatch(/^\/api\/downloads\/cs_[^/]+\/linux$/);
      const head = await request.head(`${serverSite.origin}${href}`);
      expect(head.status()).toBe(200);
      expect(head.headers()['content-type']).toBe('application/zip');
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      account.download(newer, 'linux').click(),
    ]);
    expect(download.suggestedFilename()).toBe('local-memory-linux.zip');
    const zip = await download.createReadStream();
    const first = await new Promise<Buffer>((resolve, reject) => {
      zip.once('readable', () => resolve(zip.read(2) as Buffer));
      zip.once('error', reject);
    });
    expect(first.toString('latin1')).toBe('PK');
    zip.destroy();

    // Release the machine: a confirmation with the releases left, then its seat is free.
    await expect(account.machine(newer, MACHINE_NAME)).toContainText('linux');
    await newer.getByText(/Activated on 1 of \d+ machines/).waitFor();
    await account
      .machine(newer, MACHINE_NAME)
      .getByRole('button', { name: 'Release this machine' })
      .click();
    await expect(
      account.machine(newer, MACHINE_NAME).getByRole('group', { name: `Release ${MACHINE_NAME}?` }),
    ).toContainText('releases left in this 30-day period');
    await expectNoAxeViolations(page, 'release confirmation');
    await account
      .machine(newer, MACHINE_NAME)
      .getByRole('button', { name: 'Yes, release it' })
      .click();
    await expect(newer.getByRole('status').filter({ hasText: 'released' })).toHaveText(
      `${MACHINE_NAME} released: its seat is free. You can release 2 more machines in this 30-day period.`,
    );
    await expect(newer).toContainText('No machine is using this license now.');

    // Sign out: the session ends on the server, so the old cookie no longer works.
    const cookie = (await context.cookies(serverSite.origin + '/api/account')).find(
      (c) => c.name === 'lm_account',
    );
    expect(cookie?.httpOnly).toBe(true);
    const withOldCookie = () =>
      request.get(`${serverSite.origin}/api/account`, {
        headers: { cookie: `lm_account=${cookie?.value}` },
      });
    expect((await withOldCookie()).status()).toBe(200);
    await account.signOut();
    await expect(
      page.getByText('You have signed out. Ask for a new link to come back.'),
    ).toBeVisible();
    await expect(account.email).toBeVisible();
    const after = await withOldCookie();
    expect(after.status()).toBe(401);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe('not_signed_in');
    await expectNoAxeViolations(page, 'signed out');

    // The used link does not sign in again (opened in the same tab: only the fragment changes).
    await page.goto(link);
    await expect(
      page.getByRole('heading', { name: 'This sign-in link has been used already' }),
    ).toBeVisible();
    // Chromium logs that 410 as a console error; it is the answer this step expects.
    const rest = problems.consoleErrors.filter((m) => !/status of 410 \(/.test(m));
    problems.consoleErrors.splice(0, problems.consoleErrors.length, ...rest);
  });
}

test('/account is served first-party only, without a Referer and out of search', async ({
  request,
  serverSite,
}) => {
  const answer = await request.get(`${serverSite.origin}/account`);
  expect(answer.status()).toBe(200);
  const headers = answer.headers();
  const csp = headers['content-security-policy'] ?? '';
  // First-party scripts, and the one inline bootstrap by its hash (nothing else inline).
  expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]{43}=';/);
  expect(csp).toMatch(/connect-src 'self';/);
  expect(csp).not.toMatch(/https?:|\*/);
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-robots-tag']).toBe('noindex, nofollow');
  expect(headers['referrer-policy']).toBe(
    headersFor('/account', { mode: 'server' })['Referrer-Policy'],
  );
  expect(await answer.text()).toContain('<meta name="robots" content="noindex" />');
});
