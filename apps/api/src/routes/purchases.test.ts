import { DEFAULT_EDITION, EDITIONS, type EditionId } from '@local-memory/catalog';
import {
  apiErrorCodes,
  isCheckoutBody,
  isPurchaseBody,
  isTimeBody,
  PURCHASE_LOOKUP_ERROR_CODES,
  readError,
} from '@local-memory/contract';
import { generateLicenseKey } from '@local-memory/download-keys';
import { describe, expect, it } from 'vitest';
import {
  startHarness,
  TEST_DOWNLOAD_SECRET,
  TEST_SITE_URL,
  useHarness,
} from '../testing/harness.js';

const h = useHarness({
  services: {
    limitRules: {
      resendPerClient: { name: 'resend', limit: 4, windowMs: 60_000 },
      checkoutPerClient: { name: 'checkout', limit: 3, windowMs: 60_000 },
    },
  },
});

/** The storefront's own origin, as its page sends it. */
const sameSite = { origin: new URL(TEST_SITE_URL).origin };

/** A checkout POST as the storefront's page sends it. */
const asJson: RequestInit = {
  method: 'POST',
  headers: { ...sameSite, 'content-type': 'application/json' },
  body: '{}',
};

/** POST /api/checkout as the storefront's page sends it. */
const startCheckout = (clientIp?: string, harness = h) =>
  harness.request('/api/checkout', asJson, clientIp);

/** The error of an answer, read through the contract: fails when the body is not its error. */
async function errorOf(response: Response, codes: readonly string[] = apiErrorCodes()) {
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body: unknown = await response.json();
  const error = readError(body, codes);
  expect(error, JSON.stringify(body)).not.toBeNull();
  return error;
}

/** A purchase lookup's refusal, read with the codes that route answers. */
const lookupErrorOf = (response: Response) => errorOf(response, PURCHASE_LOOKUP_ERROR_CODES);

describe('GET /api/purchases/:sessionId', () => {
  it('answers a paid purchase with the contract fields, masked email and API download links', async () => {
    const session = h.standin.createSession({ email: 'jane@example.com' });
    const response = await h.request(`/api/purchases/${session.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const key = generateLicenseKey(session.id, TEST_DOWNLOAD_SECRET);
    const body: unknown = await response.json();
    expect(isPurchaseBody(body)).toBe(true);
    expect(body).toEqual({
      sessionId: session.id,
      licenseKey: key,
      activationCommand: `local-memory license activate '${key}' --accept-terms`,
      amount: 4900,
      currency: 'usd',
      createdAt: session.created,
      email: 'j•••@example.com',
      refunded: false,
      downloads: ['macos', 'windows', 'linux', 'universal'].map((platform) => ({
        platform,
        filename: `local-memory-${platform}.zip`,
        url: `/api/downloads/${session.id}/${platform}`,
      })),
    });
  });

  it('also fulfils from the page when the webhook has not arrived: one email', async () => {
    const session = h.standin.createSession({ email: 'pagefirst@example.com' });
    await h.request(`/api/purchases/${session.id}`);
    await h.request(`/api/purchases/${session.id}`);
    const response = await h.deliver(
      'checkout.session.completed',
      h.standin.sessionObject(session.id),
    );
    expect(await response.json()).toMatchObject({ outcome: 'already-emailed' });
    expect(h.mailbox.mails().filter((m) => m.to === 'pagefirst@example.com')).toHaveLength(1);
  });

  it('shows the key while SMTP is down, and later polls do not wait for the mail server', async () => {
    const session = h.standin.createSession({ email: 'smtp-stalled@example.com' });
    h.mailbox.fault.mode = 'stall';
    try {
      const first = await h.request(`/api/purchases/${session.id}`);
      expect(first.status).toBe(200);
      await h.tasksDone(); // the page's attempt at the mail, beside the answer, gives up
      const dispatched = h.tasks.length;
      const second = await h.request(`/api/purchases/${session.id}`);
      expect(second.status).toBe(200);
      // A later poll starts no mail attempt of its own (the webhook is the guarantee), so it has
      // nothing to wait for; the first attempt's work ran beside its answer.
      expect(h.tasks.length).toBe(dispatched);
      expect(h.tasksRunning()).toBe(0);
    } finally {
      h.mailbox.fault.mode = 'none';
    }
    const hook = await h.deliver('checkout.session.completed', h.standin.sessionObject(session.id));
    expect(await hook.json()).toMatchObject({ outcome: 'emailed' });
    expect(h.mailbox.mails().filter((m) => m.to === 'smtp-stalled@example.com')).toHaveLength(1);
  });

  it('409 payment_pending with Retry-After, then 200 once paid', async () => {
    const session = h.standin.createSession({ status: 'complete', paymentStatus: 'unpaid' });
    const pending = await h.request(`/api/purchases/${session.id}`);
    expect(pending.status).toBe(409);
    expect(Number(pending.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await lookupErrorOf(pending)).toMatchObject({ code: 'payment_pending' });
    h.standin.markPaid(session.id);
    expect((await h.request(`/api/purchases/${session.id}`)).status).toBe(200);
  });

  it('never shows a key for an unpaid session', async () => {
    const session = h.standin.createSession({ status: 'open', paymentStatus: 'unpaid' });
    const response = await h.request(`/api/purchases/${session.id}`);
    const text = await response.text();
    expect(response.status).toBe(409);
    expect(text).not.toContain(generateLicenseKey(session.id, TEST_DOWNLOAD_SECRET));
    expect(text).not.toMatch(/LM-[A-Z0-9]{4}-/);
  });

  it('403 wrong_product, 410 refunded, 404 unknown', async () => {
    const other = h.standin.createSession({ priceId: 'price_otherProduct' });
    const refunded = h.standin.createSession({ refunded: true });
    const wrong = await h.request(`/api/purchases/${other.id}`);
    expect(wrong.status).toBe(403);
    expect(await lookupErrorOf(wrong)).toMatchObject({ code: 'wrong_product' });
    const gone = await h.request(`/api/purchases/${refunded.id}`);
    expect(gone.status).toBe(410);
    expect(await lookupErrorOf(gone)).toMatchObject({ code: 'refunded' });
    const unknown = await h.request('/api/purchases/cs_live_a1b2c3d4e5f6g7h8i9j0');
    expect(unknown.status).toBe(404);
    expect(await lookupErrorOf(unknown)).toMatchObject({ code: 'not_found' });
  });

  it.each([
    ['empty prefix', 'cs_live_'],
    ['another object', 'pi_3Nabc123'],
    ['path traversal', 'cs_test_abc%2F..%2F..%2Fv1%2Fcharges'],
    ['query smuggling', 'cs_test_abc%3Fexpand%5B%5D%3Dcustomer'],
    ['too long', `cs_test_${'a'.repeat(300)}`],
    ['unicode look-alike', 'cs_test_ab\u0441d'],
    ['quote', "cs_test_abc'--"],
    ['NUL byte', 'cs_test_abc%00def'],
  ])(
    '400 invalid_session_id for a malformed or hostile id (%s), without asking Stripe',
    async (_name, id) => {
      const before = h.standin.requestCount();
      const response = await h.request(`/api/purchases/${id}`);
      expect(response.status).toBe(400);
      expect(await lookupErrorOf(response)).toMatchObject({ code: 'invalid_session_id' });
      expect(h.standin.requestCount()).toBe(before);
    },
  );

  it('503 upstream_unavailable when Stripe is down or slow', async () => {
    const session = h.standin.createSession();
    h.standin.fault.mode = 'reset';
    const down = await h.request(`/api/purchases/${session.id}`);
    expect(down.status).toBe(503);
    expect(await lookupErrorOf(down)).toMatchObject({ code: 'upstream_unavailable' });
    h.standin.fault.mode = 'none';
    h.standin.fault.delayMs = 2500;
    // Stripe would answer (paid) after 2.5 s; a 503 means the call gave up at its deadline first.
    const slow = await h.request(`/api/purchases/${session.id}`);
    expect(slow.status).toBe(503);
  });

  it('serves a verified purchase from the short cache while Stripe is down', async () => {
    const session = h.standin.createSession();
    expect((await h.request(`/api/purchases/${session.id}`)).status).toBe(200);
    h.standin.fault.mode = 'error';
    expect((await h.request(`/api/purchases/${session.id}`)).status).toBe(200);
  });
});

describe('POST /api/purchases/resend', () => {
  const resend = (email: unknown, ip = '198.51.100.7') =>
    h.request(
      '/api/purchases/resend',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      },
      ip,
    );

  it('answers a buyer and a stranger alike, and mails only the buyer', async () => {
    h.standin.createSession({ email: 'buyer-resend@example.com' });
    const before = h.mailbox.mails().length;
    const buyer = await resend('buyer-resend@example.com', '198.51.100.1');
    const stranger = await resend('stranger-resend@example.com', '198.51.100.2');
    await h.tasksDone();
    expect(buyer.status).toBe(202);
    expect(stranger.status).toBe(202);
    const [a, b] = [await buyer.text(), await stranger.text()];
    expect(a).toBe(b);
    expect(JSON.parse(a)).toEqual({ status: 'accepted' });
    expect(buyer.headers.get('cache-control')).toBe('no-store');
    const mails = h.mailbox.mails().slice(before);
    expect(mails.map((m) => m.to)).toEqual(['buyer-resend@example.com']);
  });

  it('the same work before the answer for a buyer and a stranger: one task, no Stripe call', async () => {
    const buyer = 'same-work-buyer@example.com';
    h.standin.createSession({ email: buyer });
    // Stripe answers in 100 ms: an answer that waited for it would find the task finished.
    h.standin.fault.delayMs = 100;
    const answers: {
      who: string;
      body: string;
      stripe: number;
      tasks: unknown;
      running: number;
    }[] = [];
    for (let i = 0; i < 3; i++) {
      for (const who of ['buyer', 'stranger'] as const) {
        const email = who === 'buyer' ? buyer : `same-work-stranger-${i}@example.com`;
        const stripeBefore = h.standin.requestCount();
        const tasksBefore = h.tasks.length;
        const response = await resend(email, `10.9.${i}.${who === 'buyer' ? 1 : 2}`);
        answers.push({
          who,
          body: `${response.status} ${await response.text()}`,
          stripe: h.standin.requestCount() - stripeBefore,
          tasks: h.tasks.slice(tasksBefore).map((task) => task.kind),
          running: h.tasksRunning(),
        });
        await h.tasksDone(); // the mail work runs after the answer; keep it out of the next one
      }
    }
    // Timings are not compared (a busy machine would turn that red); these are their causes.
    for (const answer of answers) {
      expect(answer).toEqual({
        who: answer.who,
        body: '202 {"status":"accepted"}',
        stripe: 0,
        tasks: ['resend'],
        running: 1,
      });
    }
  });

  it('still answers 202 when Stripe is down (nothing to learn from the answer)', async () => {
    h.standin.fault.mode = 'error';
    expect((await resend('outage@example.com', '198.51.100.3')).status).toBe(202);
  });

  it("counts mails, not requests, per address: a stranger's requests do not lock the buyer out", async () => {
    const address = 'limited@example.com';
    h.standin.createSession({ email: address });
    const mailsTo = () => h.mailbox.mails().filter((m) => m.to === address).length;
    for (const ip of ['203.0.113.1', '203.0.113.1', '203.0.113.1']) {
      expect((await resend(address, ip)).status).toBe(202);
    }
    await h.tasksDone();
    expect(mailsTo()).toBe(1); // one mail per (address, client) and day
    const buyer = await resend(address, '203.0.113.9');
    expect(buyer.status).toBe(202);
    await h.tasksDone();
    expect(mailsTo()).toBe(2);
    for (const ip of ['203.0.113.2', '203.0.113.3', '203.0.113.4', '203.0.113.5']) {
      expect((await resend(address, ip)).status).toBe(202);
    }
    await h.tasksDone();
    expect(mailsTo()).toBe(3); // the address's daily cap, whoever asks
  });

  it('limits requests per IP, whatever the address', async () => {
    const ip = '203.0.113.50';
    for (let i = 0; i < 4; i++) expect((await resend(`ip${i}@example.com`, ip)).status).toBe(202);
    const refused = await resend('ip-last@example.com', ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await errorOf(refused)).toMatchObject({ code: 'rate_limited' });
  });

  it.each([[''], ['not-an-email'], [42], [null]])('400 invalid_email for %j', async (email) => {
    const response = await resend(email, '198.51.100.99');
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'invalid_email' });
  });
});

describe('POST /api/checkout and GET /api/time', () => {
  it('creates a payment session for the price with the success and cancel addresses', async () => {
    const response = await startCheckout();
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    expect(isCheckoutBody(body)).toBe(true);
    const { url } = body as { url: string };
    expect(url).toMatch(new RegExp(`^${h.standin.origin}/c/pay/cs_test_`));
    const id = url.split('/').pop() as string;
    const session = h.standin.sessions.get(id);
    expect(session).toMatchObject({
      priceId: h.config.editionPrices[DEFAULT_EDITION],
      successUrl: 'https://shop.test.invalid/success?session_id={CHECKOUT_SESSION_ID}',
      cancelUrl: 'https://shop.test.invalid/pricing',
      allowPromotionCodes: true,
      termsConsent: false,
      status: 'open',
    });
  });

  it("charges the price of the edition the request names, each edition's own", async () => {
    for (const [i, edition] of Object.values(EDITIONS).entries()) {
      const response = await h.request(
        '/api/checkout',
        { ...asJson, body: JSON.stringify({ edition: edition.id }) },
        `192.0.2.${100 + i}`,
      );
      expect(response.status, edition.id).toBe(200);
      const id = ((await response.json()) as { url: string }).url.split('/').pop() as string;
      expect(h.standin.sessions.get(id)?.priceId, edition.id).toBe(
        h.config.editionPrices[edition.id as EditionId],
      );
    }
  });

  it('refuses an unknown edition or a body that is not a JSON object (400) without asking Stripe', async () => {
    const before = h.standin.requestCount();
    for (const body of [
      '{"edition":"platinum"}',
      '{"edition":"toString"}',
      '{"edition":3}',
      '[]',
      '{',
    ]) {
      const response = await h.request('/api/checkout', { ...asJson, body }, '192.0.2.90');
      expect(response.status, body).toBe(400);
      const error = await errorOf(response);
      expect(error?.code).toBe('bad_request');
      expect(error?.message).toMatch(
        body.includes('edition')
          ? `edition must be one of ${Object.keys(EDITIONS).join(', ')}`
          : 'JSON object',
      );
    }
    expect(h.standin.requestCount()).toBe(before);
  });

  it('503 when Stripe cannot create the session', async () => {
    h.standin.fault.mode = 'error';
    const response = await startCheckout();
    expect(response.status).toBe(503);
    expect(await errorOf(response)).toMatchObject({ code: 'upstream_unavailable' });
  });

  it('refuses a cross-site or origin-less checkout (403 cross_site_request) without asking Stripe', async () => {
    const before = h.standin.requestCount();
    for (const headers of [
      { origin: 'https://evil.example', 'content-type': 'text/plain' } as Record<string, string>,
      { origin: 'null' },
      { origin: `${TEST_SITE_URL}.evil.example` },
      {},
    ]) {
      const response = await h.request('/api/checkout', { method: 'POST', headers, body: 'x' });
      expect(response.status).toBe(403);
      expect(await errorOf(response)).toMatchObject({ code: 'cross_site_request' });
    }
    expect(h.standin.requestCount()).toBe(before);
  });

  it('limits checkouts per client address', async () => {
    const start = () => startCheckout('192.0.2.77');
    for (let i = 0; i < 3; i++) expect((await start()).status).toBe(200);
    const limited = await start();
    expect(limited.status).toBe(429);
    expect(await errorOf(limited)).toMatchObject({ code: 'rate_limited' });
    expect((await startCheckout('192.0.2.78')).status).toBe(200);
  });

  it("refuses anything but application/json (415) before it spends the client's quota", async () => {
    const crossSite: RequestInit[] = [
      { method: 'POST', headers: { ...sameSite, 'content-type': 'text/plain' }, body: '{}' },
      {
        method: 'POST',
        headers: { ...sameSite, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=b',
      },
      {
        method: 'POST',
        headers: { ...sameSite, 'content-type': 'multipart/form-data; boundary=x' },
        body: '',
      },
      { method: 'POST', headers: sameSite },
    ];
    const created = h.standin.sessions.size;
    for (let round = 0; round < 2; round++) {
      for (const init of crossSite) {
        const response = await h.request('/api/checkout', init, '192.0.2.79');
        expect(response.status).toBe(415);
        expect(await errorOf(response)).toMatchObject({ code: 'unsupported_media_type' });
      }
    }
    expect(h.standin.sessions.size).toBe(created);
    const json = await h.request(
      '/api/checkout',
      { ...asJson, headers: { ...sameSite, 'content-type': 'Application/JSON; charset=utf-8' } },
      '192.0.2.79',
    );
    expect(json.status).toBe(200);
  });

  it('answers the time with no-store and a Date header', async () => {
    const before = Date.now();
    const response = await h.request('/api/time?nonce=abc123');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Date.parse(response.headers.get('date') ?? '')).toBeGreaterThan(before - 2000);
    const body: unknown = await response.json();
    expect(isTimeBody(body)).toBe(true);
    const { unixSeconds } = body as { unixSeconds: number };
    expect(unixSeconds * 1000).toBeGreaterThanOrEqual(before);
    expect(unixSeconds * 1000).toBeLessThanOrEqual(Date.now());
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await h.request('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: 'not_found' });
  });
});

describe('terms of service consent', () => {
  it('asks Stripe for consent when CHECKOUT_TERMS_CONSENT=required', async () => {
    const withTerms = await startHarness({ env: { CHECKOUT_TERMS_CONSENT: 'required' } });
    try {
      const response = await startCheckout(undefined, withTerms);
      const id = ((await response.json()) as { url: string }).url.split('/').pop() as string;
      expect(withTerms.standin.sessions.get(id)?.termsConsent).toBe(true);
    } finally {
      await withTerms.close();
    }
  });
});
