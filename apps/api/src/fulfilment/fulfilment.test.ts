import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DEFAULT_EDITION, EDITIONS, type EditionId } from '@local-memory/catalog';
import { generateLicenseKey } from '@local-memory/download-keys';
import { describe, expect, it } from 'vitest';
import { TEST_DOWNLOAD_SECRET, useHarness } from '../testing/harness.js';
import { FulfilmentError } from './errors.js';

const h = useHarness();

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof FulfilmentError ? error.code : String(error)),
  );

async function ledgerItems(): Promise<Record<string, unknown>[]> {
  const { Items } = await h.services.ledger.client.send(
    new ScanCommand({ TableName: h.config.ledgerTable }),
  );
  // The mail's records; the license record (licensing/) is written before the mail, by design.
  return ((Items ?? []) as Record<string, { S?: string }>[]).filter(
    (item) => !/^(license|licensekey)#/.test(item.id?.S ?? ''),
  );
}

describe('verify: Stripe decides what was paid', () => {
  it('answers a paid purchase of the configured price with the key from the shared algorithm', async () => {
    const session = h.standin.createSession({ email: 'jane@example.com' });
    const purchase = await h.services.fulfilment.verify(session.id);
    expect(purchase).toEqual({
      sessionId: session.id,
      licenseKey: generateLicenseKey(session.id, TEST_DOWNLOAD_SECRET),
      amount: 4900,
      currency: 'usd',
      createdAt: session.created,
      email: 'jane@example.com',
      edition: DEFAULT_EDITION,
    });
  });

  it("names the edition whose price was paid, each edition's own", async () => {
    for (const edition of Object.values(EDITIONS)) {
      const session = h.standin.createSession({
        priceId: h.config.editionPrices[edition.id as EditionId],
      });
      expect((await h.services.fulfilment.verify(session.id)).edition).toBe(edition.id);
    }
  });

  it('refuses an unpaid (open) session and does not cache the refusal', async () => {
    const session = h.standin.createSession({ status: 'open', paymentStatus: 'unpaid' });
    expect(await codeOf(h.services.fulfilment.verify(session.id))).toBe('payment_pending');
    h.standin.markPaid(session.id);
    const purchase = await h.services.fulfilment.verify(session.id);
    expect(purchase.licenseKey).toMatch(/^LM-/);
  });

  it('refuses a completed session whose delayed payment is still pending', async () => {
    const session = h.standin.createSession({ status: 'complete', paymentStatus: 'unpaid' });
    expect(await codeOf(h.services.fulfilment.verify(session.id))).toBe('payment_pending');
  });

  it('accepts no_payment_required (a 100% promotion code)', async () => {
    const session = h.standin.createSession({ paymentStatus: 'no_payment_required' });
    await expect(h.services.fulfilment.verify(session.id)).resolves.toHaveProperty('sessionId');
  });

  it('refuses a paid session for another price', async () => {
    const session = h.standin.createSession({ priceId: 'price_somethingElse' });
    expect(await codeOf(h.services.fulfilment.verify(session.id))).toBe('wrong_product');
  });

  it('refuses an expired session, an unknown id and a malformed id', async () => {
    const expired = h.standin.createSession({ status: 'expired', paymentStatus: 'unpaid' });
    expect(await codeOf(h.services.fulfilment.verify(expired.id))).toBe('not_found');
    expect(await codeOf(h.services.fulfilment.verify('cs_test_doesNotExist123'))).toBe('not_found');
    expect(await codeOf(h.services.fulfilment.verify('cs_test_../../v1/charges'))).toBe(
      'invalid_session_id',
    );
  });

  it('refuses a purchase whose charge Stripe reports refunded or disputed', async () => {
    const refunded = h.standin.createSession({ refunded: true });
    const disputed = h.standin.createSession({ disputed: true });
    expect(await codeOf(h.services.fulfilment.verify(refunded.id))).toBe('refunded');
    expect(await codeOf(h.services.fulfilment.verify(disputed.id))).toBe('refunded');
  });

  it('refuses a purchase the ledger records as refunded, even when it was cached as paid', async () => {
    const session = h.standin.createSession();
    await h.services.fulfilment.verify(session.id);
    const recorded = await h.services.fulfilment.recordRefund(
      session.paymentIntentId as string,
      'refund',
      'evt_test',
    );
    expect(recorded).toEqual([session.id]);
    expect(await codeOf(h.services.fulfilment.verify(session.id))).toBe('refunded');
    const { Item } = await h.services.ledger.client.send(
      new GetItemCommand({
        TableName: h.config.ledgerTable,
        Key: { id: { S: `refund#${session.id}` } },
      }),
    );
    expect(Item?.reason?.S).toBe('refund');
  });

  it('says upstream_unavailable when Stripe errors, drops the connection or is slower than the timeout', async () => {
    const session = h.standin.createSession();
    h.standin.fault.mode = 'error';
    expect(await codeOf(h.services.fulfilment.verify(session.id))).toBe('upstream_unavailable');
    h.standin.fault.mode = 'reset';
    expect(await codeOf(h.services.fulfilment.verify(session.id))).toBe('upstream_unavailable');
    h.standin.fault.mode = 'none';
    h.standin.fault.delayMs = 2500; // the harness's STRIPE_TIMEOUT_MS is 1500
    expect(await codeOf(h.services.fulfilment.verify(session.id))).toBe('upstream_unavailable');
  });

  /** A gate that holds every lookup until `open()`; `passed` counts the lookups it let through. */
  function heldGate(refuse = false) {
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    const gate = {
      passed: 0,
      open,
      check: async () => {
        await opened;
        if (refuse) throw new FulfilmentError('rate_limited', 'test: this client used its lookups');
        gate.passed++;
      },
    };
    return gate;
  }

  it('asks Stripe once for lookups of one id that arrive together, and counts one at the gate', async () => {
    const session = h.standin.createSession();
    const before = h.standin.requestCount();
    const gate = heldGate();
    const lookups = Array.from({ length: 5 }, () =>
      h.services.fulfilment.verify(session.id, gate.check),
    );
    gate.open();
    const purchases = await Promise.all(lookups);
    expect(purchases.map((p) => p.sessionId)).toEqual(Array(5).fill(session.id));
    expect(gate.passed).toBe(1);
    expect(h.standin.requestCount() - before).toBe(1);
  });

  it("does not refuse a lookup because the one it shared was refused at its client's gate", async () => {
    const session = h.standin.createSession();
    const refusing = heldGate(true);
    const passing = heldGate();
    passing.open();
    const refused = h.services.fulfilment.verify(session.id, refusing.check);
    const other = h.services.fulfilment.verify(session.id, passing.check);
    refusing.open();
    expect(await codeOf(refused)).toBe('rate_limited');
    expect((await other).sessionId).toBe(session.id);
    expect(passing.passed).toBe(1);
  });
});

describe('fulfil: one email per purchase', () => {
  it('emails the key once, and later calls find it in the ledger', async () => {
    const before = h.mailbox.mails().length;
    const session = h.standin.createSession({ email: 'once@example.com' });
    expect((await h.services.fulfilment.fulfil(session.id)).email).toBe('sent');
    expect((await h.services.fulfilment.fulfil(session.id)).email).toBe('already-sent');
    expect((await h.services.fulfilment.fulfil(session.id)).email).toBe('already-sent');
    const mails = h.mailbox.mails().slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toBe('once@example.com');
    expect(mails[0]?.text).toContain(generateLicenseKey(session.id, TEST_DOWNLOAD_SECRET));
  });

  it('sends one email when ten deliveries race', async () => {
    const before = h.mailbox.mails().length;
    const session = h.standin.createSession({ email: 'race@example.com' });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => h.services.fulfilment.fulfil(session.id)),
    );
    expect(results.filter((r) => r.email === 'sent')).toHaveLength(1);
    expect(results.filter((r) => r.email === 'already-sent')).toHaveLength(9);
    expect(
      h.mailbox
        .mails()
        .slice(before)
        .filter((m) => m.to === 'race@example.com'),
    ).toHaveLength(1);
  });

  it('records nothing when SMTP refuses, and sends on the next delivery', async () => {
    const before = h.mailbox.mails().length;
    const ledgerBefore = (await ledgerItems()).length;
    const session = h.standin.createSession({ email: 'later@example.com' });
    h.mailbox.fault.mode = 'reject';
    expect(await codeOf(h.services.fulfilment.fulfil(session.id))).toBe('mail_unavailable');
    expect(await ledgerItems()).toHaveLength(ledgerBefore);
    h.mailbox.fault.mode = 'none';
    expect((await h.services.fulfilment.fulfil(session.id)).email).toBe('sent');
    expect(h.mailbox.mails().slice(before)).toHaveLength(1);
    const items = await ledgerItems();
    // The fulfilment record and the mail intent, completed with the server's message id.
    expect(items).toHaveLength(ledgerBefore + 2);
    expect(
      items.find((item) => (item.id as { S: string }).S === `mail#${session.id}`),
    ).toMatchObject({ messageId: { S: expect.stringMatching(/@/) } });
  });

  it('records nothing when SMTP stalls past its timeout', async () => {
    const ledgerBefore = (await ledgerItems()).length;
    const session = h.standin.createSession({ email: 'stall@example.com' });
    h.mailbox.fault.mode = 'stall';
    expect(await codeOf(h.services.fulfilment.fulfil(session.id))).toBe('mail_unavailable');
    expect(await ledgerItems()).toHaveLength(ledgerBefore);
  });

  it('sends nothing for an unpaid session', async () => {
    const before = h.mailbox.mails().length;
    const session = h.standin.createSession({ status: 'open', paymentStatus: 'unpaid' });
    expect(await codeOf(h.services.fulfilment.fulfil(session.id))).toBe('payment_pending');
    expect(h.mailbox.mails()).toHaveLength(before);
  });
});

describe('resend', () => {
  it('emails every paid purchase of an address to that address only', async () => {
    const before = h.mailbox.mails().length;
    const a = h.standin.createSession({ email: 'twice@example.com' });
    const b = h.standin.createSession({ email: 'twice@example.com' });
    h.standin.createSession({
      email: 'twice@example.com',
      status: 'open',
      paymentStatus: 'unpaid',
    });
    h.standin.createSession({ email: 'twice@example.com', refunded: true });
    h.standin.createSession({ email: 'someone-else@example.com' });
    expect(await h.services.fulfilment.resend(' Twice@Example.com ')).toBe(2);
    const mails = h.mailbox.mails().slice(before);
    expect(mails.map((m) => m.to)).toEqual(['twice@example.com', 'twice@example.com']);
    const keys = [a, b].map((s) => generateLicenseKey(s.id, TEST_DOWNLOAD_SECRET)).sort();
    expect(mails.map((m) => m.text.match(/LM-[A-Z0-9-]{24}/)?.[0]).sort()).toEqual(keys);
  });

  it('sends nothing for an address that never bought', async () => {
    const before = h.mailbox.mails().length;
    expect(await h.services.fulfilment.resend('stranger@example.com')).toBe(0);
    expect(h.mailbox.mails()).toHaveLength(before);
  });
});
