import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { useHarness } from '../testing/harness.js';

const h = useHarness();

const mailsTo = (address: string) => h.mailbox.mails().filter((m) => m.to === address);

async function ledgerSize(): Promise<number> {
  const { Items } = await h.services.ledger.client.send(
    new ScanCommand({ TableName: h.config.ledgerTable }),
  );
  // The mail's records; the license record (licensing/) is written before the mail, by design.
  return (Items ?? []).filter((item) => !/^(license|licensekey)#/.test(item.id?.S ?? '')).length;
}

describe('signature checks: 400 and nothing happens', () => {
  it('rejects a missing signature', async () => {
    const session = h.standin.createSession({ email: 'nosig@example.com' });
    const { payload } = h.standin.event(
      'checkout.session.completed',
      h.standin.sessionObject(session.id),
    );
    const response = await h.request('/api/stripe/webhook', { method: 'POST', body: payload });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    expect(mailsTo('nosig@example.com')).toHaveLength(0);
  });

  it('rejects a signature made with another secret', async () => {
    const session = h.standin.createSession({ email: 'badsig@example.com' });
    const response = await h.deliver(
      'checkout.session.completed',
      h.standin.sessionObject(session.id),
      { secret: 'whsec_someoneElsesSecretValue' },
    );
    expect(response.status).toBe(400);
    expect(mailsTo('badsig@example.com')).toHaveLength(0);
  });

  it('rejects a signature older than 300 seconds, accepts one 200 seconds old', async () => {
    const session = h.standin.createSession({ email: 'stale@example.com' });
    const object = h.standin.sessionObject(session.id);
    const now = Math.floor(Date.now() / 1000);
    const stale = await h.deliver('checkout.session.completed', object, { timestamp: now - 301 });
    expect(stale.status).toBe(400);
    expect(mailsTo('stale@example.com')).toHaveLength(0);
    const recent = await h.deliver('checkout.session.completed', object, { timestamp: now - 200 });
    expect(recent.status).toBe(200);
    expect(mailsTo('stale@example.com')).toHaveLength(1);
  });

  it('rejects a signature dated more than 300 seconds ahead, accepts one 200 seconds ahead', async () => {
    const session = h.standin.createSession({ email: 'future@example.com' });
    const object = h.standin.sessionObject(session.id);
    const now = Math.floor(Date.now() / 1000);
    for (const ahead of [301, 365 * 24 * 3600]) {
      const future = await h.deliver('checkout.session.completed', object, {
        timestamp: now + ahead,
      });
      expect(future.status, `${ahead} s ahead`).toBe(400);
      expect(await future.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    }
    expect(mailsTo('future@example.com')).toHaveLength(0);
    const skewed = await h.deliver('checkout.session.completed', object, { timestamp: now + 200 });
    expect(skewed.status).toBe(200);
    expect(mailsTo('future@example.com')).toHaveLength(1);
  });

  it('logs why a signature was refused', async () => {
    const warn = vi.spyOn(h.services.log, 'warn');
    try {
      const response = await h.deliver(
        'checkout.session.completed',
        { id: 'cs_test_whyRefused0001' },
        { secret: 'whsec_someoneElsesSecretValue' },
      );
      expect(response.status).toBe(400);
      expect(warn).toHaveBeenCalledWith(
        'webhook signature rejected',
        expect.objectContaining({ reason: expect.stringMatching(/no signatures found/i) }),
      );
    } finally {
      warn.mockRestore();
    }
  });

  it('rejects a body changed after signing', async () => {
    const real = h.standin.createSession({ email: 'victim@example.com' });
    const forged = h.standin.createSession({
      email: 'attacker@example.com',
      status: 'open',
      paymentStatus: 'unpaid',
    });
    const { payload } = h.standin.event(
      'checkout.session.completed',
      h.standin.sessionObject(real.id),
    );
    const init = h.signed(payload);
    const tampered = { ...init, body: payload.replace(real.id, forged.id) };
    expect(tampered.body).not.toBe(payload);
    const response = await h.request('/api/stripe/webhook', tampered);
    expect(response.status).toBe(400);
    expect(mailsTo('victim@example.com')).toHaveLength(0);
    expect(mailsTo('attacker@example.com')).toHaveLength(0);
  });
});

describe('correctly signed events of an unexpected shape: 400 with a logged reason, never 500', () => {
  const shapes: Array<[string, unknown]> = [
    ['no data', { id: 'evt_shape1', object: 'event', type: 'checkout.session.completed' }],
    ['data without object', { id: 'evt_shape2', type: 'checkout.session.completed', data: {} }],
    ['data.object null', { id: 'evt_shape3', type: 'charge.refunded', data: { object: null } }],
    [
      'a session without an id',
      { id: 'evt_shape4', type: 'checkout.session.completed', data: { object: { id: 42 } } },
    ],
    [
      'a refund without payment_intent',
      { id: 'evt_shape5', type: 'charge.refunded', data: { object: { refunded: true } } },
    ],
    [
      'a dispute with a numeric payment_intent',
      {
        id: 'evt_shape6',
        type: 'charge.dispute.created',
        data: { object: { payment_intent: 7 } },
      },
    ],
    ['no type', { id: 'evt_shape7', data: { object: {} } }],
    ['an array', []],
  ];
  for (const [what, event] of shapes) {
    it(what, async () => {
      const warn = vi.spyOn(h.services.log, 'warn');
      try {
        const response = await h.request('/api/stripe/webhook', h.signed(JSON.stringify(event)));
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: { code: 'invalid_event' } });
        expect(warn).toHaveBeenCalledWith(
          'webhook event refused',
          expect.objectContaining({ reason: expect.any(String) }),
        );
      } finally {
        warn.mockRestore();
      }
    });
  }
});

describe('exactly one email', () => {
  it('for the same event delivered ten times at once', async () => {
    const session = h.standin.createSession({ email: 'tenfold@example.com' });
    const { payload } = h.standin.event(
      'checkout.session.completed',
      h.standin.sessionObject(session.id),
    );
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => h.request('/api/stripe/webhook', h.signed(payload))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const outcomes = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { outcome: string }).outcome),
    );
    expect(outcomes.filter((o) => o === 'emailed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already-emailed')).toHaveLength(9);
    expect(mailsTo('tenfold@example.com')).toHaveLength(1);
  });

  it('for the same signed event replayed three times in sequence', async () => {
    const session = h.standin.createSession({ email: 'thrice@example.com' });
    const { payload } = h.standin.event(
      'checkout.session.completed',
      h.standin.sessionObject(session.id),
    );
    const init = h.signed(payload);
    for (let i = 0; i < 3; i++) {
      expect((await h.request('/api/stripe/webhook', init)).status).toBe(200);
    }
    expect(mailsTo('thrice@example.com')).toHaveLength(1);
  });

  it('when completed and async_payment_succeeded both arrive for a card payment', async () => {
    const session = h.standin.createSession({ email: 'both@example.com' });
    const object = h.standin.sessionObject(session.id);
    await h.deliver('checkout.session.completed', object);
    await h.deliver('checkout.session.async_payment_succeeded', object);
    expect(mailsTo('both@example.com')).toHaveLength(1);
  });
});

describe('delayed payments', () => {
  it('waits for async_payment_succeeded, and ignores async_payment_failed', async () => {
    const session = h.standin.createSession({
      email: 'transfer@example.com',
      status: 'complete',
      paymentStatus: 'unpaid',
    });
    const completed = await h.deliver(
      'checkout.session.completed',
      h.standin.sessionObject(session.id),
    );
    expect(await completed.json()).toMatchObject({ outcome: 'awaiting-payment' });
    expect(mailsTo('transfer@example.com')).toHaveLength(0);
    const pending = await h.request(`/api/purchases/${session.id}`);
    expect(pending.status).toBe(409);

    const failed = await h.deliver(
      'checkout.session.async_payment_failed',
      h.standin.sessionObject(session.id),
    );
    expect(await failed.json()).toMatchObject({ outcome: 'payment-failed' });
    expect(mailsTo('transfer@example.com')).toHaveLength(0);

    h.standin.markPaid(session.id);
    const succeeded = await h.deliver(
      'checkout.session.async_payment_succeeded',
      h.standin.sessionObject(session.id),
    );
    expect(await succeeded.json()).toMatchObject({ outcome: 'emailed' });
    expect(mailsTo('transfer@example.com')).toHaveLength(1);
    expect((await h.request(`/api/purchases/${session.id}`)).status).toBe(200);
  });

  it('does not trust the event body: a forged "paid" session object still needs Stripe to agree', async () => {
    const session = h.standin.createSession({
      email: 'forged@example.com',
      status: 'open',
      paymentStatus: 'unpaid',
    });
    const object = {
      ...h.standin.sessionObject(session.id),
      payment_status: 'paid',
      status: 'complete',
    };
    const response = await h.deliver('checkout.session.completed', object);
    expect(await response.json()).toMatchObject({ outcome: 'awaiting-payment' });
    expect(mailsTo('forged@example.com')).toHaveLength(0);
  });
});

describe('refunds and disputes', () => {
  it('a full refund makes the purchase 410 and stops downloads; a partial one does not', async () => {
    const session = h.standin.createSession({ email: 'refund@example.com' });
    expect((await h.request(`/api/purchases/${session.id}`)).status).toBe(200);
    const partial = await h.deliver('charge.refunded', {
      ...h.standin.chargeObject(session),
      amount_refunded: 100,
      refunded: false,
    });
    expect(await partial.json()).toMatchObject({ outcome: 'ignored' });
    expect((await h.request(`/api/purchases/${session.id}`)).status).toBe(200);

    const full = await h.deliver('charge.refunded', {
      ...h.standin.chargeObject(session),
      amount_refunded: 4900,
      refunded: true,
    });
    expect(await full.json()).toMatchObject({ outcome: 'refund-recorded' });
    const purchase = await h.request(`/api/purchases/${session.id}`);
    expect(purchase.status).toBe(410);
    expect(await purchase.json()).toMatchObject({ error: { code: 'refunded' } });
    expect((await h.request(`/api/downloads/${session.id}/linux`)).status).toBe(410);
  });

  it('a dispute makes the purchase 410', async () => {
    const session = h.standin.createSession({ email: 'dispute@example.com' });
    expect((await h.request(`/api/purchases/${session.id}`)).status).toBe(200);
    const response = await h.deliver('charge.dispute.created', {
      id: 'dp_test',
      object: 'dispute',
      charge: session.chargeId,
      payment_intent: session.paymentIntentId,
      amount: 4900,
      status: 'needs_response',
    });
    expect(await response.json()).toMatchObject({ outcome: 'refund-recorded' });
    expect((await h.request(`/api/purchases/${session.id}`)).status).toBe(410);
  });
});

describe('other events and outages', () => {
  it('acknowledges (200, so Stripe stops retrying) a completed event for an unknown, malformed or other-product session', async () => {
    const before = h.mailbox.mails().length;
    const other = h.standin.createSession({
      priceId: 'price_otherProduct',
      email: 'other@example.com',
    });
    for (const object of [
      { id: 'cs_test_neverExisted42', object: 'checkout.session' },
      { id: 'cs_test_../../v1/customers', object: 'checkout.session' },
      h.standin.sessionObject(other.id),
    ]) {
      const response = await h.deliver('checkout.session.completed', object);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ outcome: 'not-fulfillable' });
    }
    expect(h.mailbox.mails()).toHaveLength(before);
  });

  it('acknowledges unknown events and does nothing', async () => {
    const before = h.mailbox.mails().length;
    const response = await h.deliver('customer.created', { id: 'cus_test', object: 'customer' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'ignored' });
    expect(h.mailbox.mails()).toHaveLength(before);
  });

  it('SMTP down: 503 so Stripe retries, no ledger entry, and the redelivery sends the mail', async () => {
    const session = h.standin.createSession({ email: 'smtpdown@example.com' });
    const { payload } = h.standin.event(
      'checkout.session.completed',
      h.standin.sessionObject(session.id),
    );
    const ledgerBefore = await ledgerSize();
    h.mailbox.fault.mode = 'reject';
    const first = await h.request('/api/stripe/webhook', h.signed(payload));
    expect(first.status).toBe(503);
    expect(await first.json()).toMatchObject({ error: { code: 'mail_unavailable' } });
    expect(await ledgerSize()).toBe(ledgerBefore);
    h.mailbox.fault.mode = 'none';
    const retry = await h.request('/api/stripe/webhook', h.signed(payload));
    expect(retry.status).toBe(200);
    expect(mailsTo('smtpdown@example.com')).toHaveLength(1);
    // The fulfilment record and the completed mail intent.
    expect(await ledgerSize()).toBe(ledgerBefore + 2);
  });

  it('Stripe down or slow: 503 with Retry-After, and the redelivery sends the mail', async () => {
    const session = h.standin.createSession({ email: 'stripedown@example.com' });
    const { payload } = h.standin.event(
      'checkout.session.completed',
      h.standin.sessionObject(session.id),
    );
    h.standin.fault.mode = 'error';
    const down = await h.request('/api/stripe/webhook', h.signed(payload));
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await down.json()).toMatchObject({ error: { code: 'upstream_unavailable' } });
    h.standin.fault.mode = 'none';
    h.standin.fault.delayMs = 2500;
    const slow = await h.request('/api/stripe/webhook', h.signed(payload));
    expect(slow.status).toBe(503);
    expect(mailsTo('stripedown@example.com')).toHaveLength(0);
    h.standin.fault.delayMs = 0;
    expect((await h.request('/api/stripe/webhook', h.signed(payload))).status).toBe(200);
    expect(mailsTo('stripedown@example.com')).toHaveLength(1);
  });
});
