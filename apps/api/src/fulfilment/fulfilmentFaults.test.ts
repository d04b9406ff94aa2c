import { type FaultProxy, startFaultProxy } from '@local-memory/testkit/fault-proxy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness.js';

// Stripe and DynamoDB reached through fault proxies, so answers can be held or writes failed at
// the wire.
let h: Harness;
let stripe: FaultProxy;
let dynamo: FaultProxy;
const LOCK_MS = 800;

beforeAll(async () => {
  [stripe, dynamo] = await Promise.all([startFaultProxy(), startFaultProxy()]);
  h = await startHarness({
    // The faults here are placed at the wire (a held answer, a failed write), never a deadline:
    // long deadlines keep a loaded machine's slowness (a refund recorded while Stripe's answer
    // is held) from turning into a 503 the test did not ask for.
    env: {
      STRIPE_API_BASE: stripe.origin,
      DYNAMODB_ENDPOINT: dynamo.origin,
      STRIPE_TIMEOUT_MS: '30000',
      LEDGER_TIMEOUT_MS: '30000',
    },
    services: { fulfilment: { lockMs: LOCK_MS, waitForConcurrentMs: 0 } },
  });
  stripe.target = h.standin.origin;
  dynamo.target = h.dynamo.endpoint;
});
afterEach(async () => {
  await h.tasksDone();
  stripe.rule = () => 'forward';
  dynamo.rule = () => 'forward';
  h.standin.fault.mode = 'none';
});
afterAll(async () => {
  await h.close();
  await Promise.all([stripe.close(), dynamo.close()]);
});

/** Hold Stripe's answer for one session until `release()`; `reached` resolves when it is held. */
function holdRetrieve(sessionId: string) {
  let release = () => {};
  let arrived = () => {};
  const reached = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  stripe.rule = (req) => {
    if (req.method !== 'GET' || !req.url.startsWith(`/v1/checkout/sessions/${sessionId}`)) {
      return 'forward';
    }
    arrived();
    return held.then(() => 'forward' as const);
  };
  return { reached, release };
}

describe('a refund recorded while a verification is in flight', () => {
  it('wins when this instance records it: 410 now, and nothing paid is cached', async () => {
    const session = h.standin.createSession({ email: 'race-local@example.com' });
    const { reached, release } = holdRetrieve(session.id);
    const answer = h.request(`/api/purchases/${session.id}`);
    await reached;
    const recorded = await h.services.fulfilment.recordRefund(
      session.paymentIntentId as string,
      'refund',
      'evt_test_race_local',
    );
    expect(recorded).toEqual([session.id]);
    release();
    expect((await answer).status).toBe(410);
    // Had the paid answer been cached, it would still be served while Stripe is down.
    h.standin.fault.mode = 'error';
    expect((await h.request(`/api/purchases/${session.id}`)).status).not.toBe(200);
    expect((await h.request(`/api/downloads/${session.id}/linux`)).status).not.toBe(200);
  });

  it('wins when another instance records it (the ledger is read after Stripe answered)', async () => {
    const session = h.standin.createSession({ email: 'race-remote@example.com' });
    const { reached, release } = holdRetrieve(session.id);
    const answer = h.services.fulfilment.verify(session.id).then(
      () => 'paid',
      (error: { code?: string }) => error.code,
    );
    await reached;
    await h.services.ledger.recordRefund({
      sessionId: session.id,
      reason: 'refund',
      eventId: 'evt_test_race_remote',
      recordedAt: Math.floor(Date.now() / 1000),
    });
    release();
    expect(await answer).toBe('refunded');
    h.standin.fault.mode = 'error';
    expect(
      await h.services.fulfilment.verify(session.id).then(
        () => 'paid',
        (error: { code?: string }) => error.code,
      ),
    ).not.toBe('paid');
  });
});

describe('exactly one email when the ledger fails after SMTP accepted', () => {
  it('does not send again on the next delivery, and says the outcome is unconfirmed', async () => {
    const address = 'recorded-late@example.com';
    const session = h.standin.createSession({ email: address });
    const mailsTo = () => h.mailbox.mails().filter((m) => m.to === address);
    // Every write that would record the sent mail (it carries the server's message id) fails.
    let failedWrites = 0;
    dynamo.rule = (req) => {
      if (!req.body.includes('messageId')) return 'forward';
      failedWrites++;
      return 'fail';
    };
    const first = await h.deliver(
      'checkout.session.completed',
      h.standin.sessionObject(session.id),
    );
    expect(first.status).toBe(503);
    expect(failedWrites).toBeGreaterThan(0);
    expect(mailsTo()).toHaveLength(1);
    dynamo.rule = () => 'forward';
    // Stripe redelivers after the first attempt's lock ran out.
    await new Promise((resolve) => setTimeout(resolve, LOCK_MS + 200));
    const again = await h.deliver(
      'checkout.session.completed',
      h.standin.sessionObject(session.id),
    );
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: 'email-unconfirmed' });
    const third = await h.deliver(
      'checkout.session.completed',
      h.standin.sessionObject(session.id),
    );
    expect(third.status).toBe(200);
    expect(mailsTo()).toHaveLength(1);
  });
});
