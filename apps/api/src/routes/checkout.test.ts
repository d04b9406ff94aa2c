// POST /api/checkout's tax and invoice settings, as the Stripe stand-in receives them through the
// real SDK; and the stand-in refusing malformed ones as Stripe does.
import { describe, expect, it } from 'vitest';
import { type Harness, startHarness, TEST_SITE_URL, TEST_STRIPE_KEY } from '../testing/harness.js';

async function checkoutSession(h: Harness) {
  const response = await h.request('/api/checkout', {
    method: 'POST',
    headers: { origin: new URL(TEST_SITE_URL).origin, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(response.status).toBe(200);
  const id = ((await response.json()) as { url: string }).url.split('/').pop() as string;
  const session = h.standin.sessions.get(id);
  expect(session).toBeDefined();
  return { id, session: session as NonNullable<typeof session> };
}

describe('tax at checkout', () => {
  it('asks for no tax, tax id, address or invoice by default', async () => {
    const h = await startHarness();
    try {
      const { session } = await checkoutSession(h);
      expect(session).toMatchObject({
        automaticTax: false,
        taxIdCollection: false,
        billingAddressCollection: 'auto',
        invoiceCreation: false,
      });
    } finally {
      await h.close();
    }
  });

  it('asks Stripe Tax, a required address, tax ids and an invoice when configured', async () => {
    const h = await startHarness({
      env: {
        CHECKOUT_AUTOMATIC_TAX: 'on',
        CHECKOUT_TAX_ID_COLLECTION: 'on',
        CHECKOUT_INVOICE: 'on',
      },
    });
    try {
      const { id, session } = await checkoutSession(h);
      expect(session).toMatchObject({
        automaticTax: true,
        taxIdCollection: true,
        billingAddressCollection: 'required',
        invoiceCreation: true,
      });
      // And Stripe's session says so, as the SDK reads it back.
      const read = await h.services.stripe.checkout.sessions.retrieve(id);
      expect(read.automatic_tax.enabled).toBe(true);
      expect(read.tax_id_collection?.enabled).toBe(true);
      expect(read.billing_address_collection).toBe('required');
      expect(read.invoice_creation?.enabled).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('turns each switch on alone', async () => {
    const h = await startHarness({ env: { CHECKOUT_TAX_ID_COLLECTION: 'on' } });
    try {
      const { session } = await checkoutSession(h);
      expect(session).toMatchObject({
        automaticTax: false,
        taxIdCollection: true,
        billingAddressCollection: 'auto',
        invoiceCreation: false,
      });
    } finally {
      await h.close();
    }
  });
});

describe('the stand-in, as Stripe, refuses malformed tax parameters', () => {
  it('answers 400 invalid_request_error for a wrong boolean, a missing [enabled] or an unknown address mode', async () => {
    const h = await startHarness();
    try {
      const base = {
        'line_items[0][price]': 'price_testOnlyLocalMemory',
        'line_items[0][quantity]': '1',
        mode: 'payment',
        success_url: 'https://shop.test.invalid/success',
      };
      const cases: [Record<string, string>, string][] = [
        [{ 'automatic_tax[enabled]': 'yes' }, 'parameter_invalid_boolean'],
        [{ 'tax_id_collection[enabled]': '' }, 'parameter_invalid_boolean'],
        [{ 'invoice_creation[description]': 'x' }, 'parameter_missing'],
        [{ billing_address_collection: 'always' }, 'parameter_invalid_string'],
      ];
      for (const [extra, code] of cases) {
        const response = await fetch(`${h.standin.origin}/v1/checkout/sessions`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${TEST_STRIPE_KEY}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ ...base, ...extra }),
        });
        expect(response.status, JSON.stringify(extra)).toBe(400);
        const body = (await response.json()) as { error: { type: string; code: string } };
        expect(body.error).toMatchObject({ type: 'invalid_request_error', code });
      }
      expect(h.standin.sessions.size).toBe(0);
    } finally {
      await h.close();
    }
  });
});
