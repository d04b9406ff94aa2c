import { DEFAULT_EDITION, EDITIONS } from '@local-memory/catalog';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { _resetStripeForTests, CheckoutError, preloadStripe, startCheckout } from './checkout';

const PK = 'pk_test_51H8abcdefghijklmnopqrstuv';

afterEach(() => {
  _resetStripeForTests();
});

describe('checkout', () => {
  it('demo mode lands on /success with a fresh demo session id', async () => {
    const step = await startCheckout({ mode: 'demo' }, DEFAULT_EDITION, {
      random: (b) => b.fill(7),
    });
    expect(step).toEqual({
      kind: 'navigate',
      url: `/success?session_id=cs_test_demo${'H'.repeat(24)}`,
    });
    const a = await startCheckout({ mode: 'demo' }, DEFAULT_EDITION);
    const b = await startCheckout({ mode: 'demo' }, DEFAULT_EDITION);
    expect(a.url).toMatch(/^\/success\?session_id=cs_test_demo[A-Za-z0-9]{24}$/);
    expect(a.url).not.toBe(b.url);
  });

  it('loads Stripe.js once, on intent, and then follows the Payment Link', async () => {
    const load = vi.fn(async () => ({}));
    const checkout = {
      mode: 'payment-link',
      publishableKey: PK,
      urls: { [DEFAULT_EDITION]: 'https://buy.stripe.com/test_x' },
    } as const;
    preloadStripe(checkout, load);
    preloadStripe(checkout, load);
    const step = await startCheckout(checkout, DEFAULT_EDITION, { load });
    expect(load).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledWith(PK);
    expect(step.url).toBe('https://buy.stripe.com/test_x');
  });

  it('never lets a blocked Stripe.js stop a purchase', async () => {
    const load = vi.fn(async () => {
      throw new Error('blocked by an extension');
    });
    const never = vi.fn(() => new Promise(() => undefined));
    const checkout = {
      mode: 'payment-link',
      publishableKey: PK,
      urls: { [DEFAULT_EDITION]: 'https://buy.stripe.com/test_x' },
    } as const;
    expect((await startCheckout(checkout, DEFAULT_EDITION, { load })).url).toBe(
      'https://buy.stripe.com/test_x',
    );
    _resetStripeForTests();
    expect(
      (await startCheckout(checkout, DEFAULT_EDITION, { load: never, stripeWaitMs: 10 })).url,
    ).toBe('https://buy.stripe.com/test_x');
  });

  it('asks the endpoint for a Checkout Session and follows its URL', async () => {
    const fetchStub = vi.fn(async () =>
      Response.json({ url: 'https://checkout.stripe.com/c/pay/cs_test_abc' }),
    );
    const step = await startCheckout(
      { mode: 'endpoint', publishableKey: PK, endpoint: '/api/checkout' },
      DEFAULT_EDITION,
      { fetch: fetchStub as unknown as typeof fetch, load: async () => ({}) },
    );
    expect(step.url).toBe('https://checkout.stripe.com/c/pay/cs_test_abc');
    expect(fetchStub).toHaveBeenCalledWith(
      '/api/checkout',
      expect.objectContaining({ method: 'POST' }),
    );
  });

  it("follows each edition's own Payment Link", async () => {
    const urls = Object.fromEntries(
      Object.keys(EDITIONS).map((id) => [id, `https://buy.stripe.com/test_${id}`]),
    );
    const checkout = { mode: 'payment-link', publishableKey: PK, urls } as const;
    for (const id of Object.keys(EDITIONS) as (keyof typeof EDITIONS)[]) {
      const step = await startCheckout(checkout, id, { load: async () => ({}) });
      expect(step.url).toBe(`https://buy.stripe.com/test_${id}`);
    }
  });

  it('names the edition in the request to the endpoint', async () => {
    for (const id of Object.keys(EDITIONS) as (keyof typeof EDITIONS)[]) {
      const fetchStub = vi.fn(async (_url: string, _init: RequestInit) =>
        Response.json({ url: 'https://checkout.stripe.com/c/pay/cs_test_abc' }),
      );
      await startCheckout({ mode: 'endpoint', publishableKey: PK, endpoint: '/api/checkout' }, id, {
        fetch: fetchStub as unknown as typeof fetch,
        load: async () => ({}),
      });
      const init = fetchStub.mock.calls[0]?.[1] as RequestInit;
      expect(JSON.parse(String(init.body))).toMatchObject({ edition: id });
    }
  });

  it.each([
    [
      'a network failure',
      async () => Promise.reject(new TypeError('Failed to fetch')),
      /could not reach/,
    ],
    ['a server error', async () => new Response('boom', { status: 502 }), /error \(502\)/],
    [
      'a non-https url',
      async () => Response.json({ url: 'javascript:alert(1)' }),
      /unexpected answer/,
    ],
    [
      'a plain-http url off this machine',
      async () => Response.json({ url: 'http://checkout.example.org/c/pay/cs_test_abc' }),
      /unexpected answer/,
    ],
  ])('explains %s from the endpoint', async (_name, impl, message) => {
    const run = startCheckout(
      { mode: 'endpoint', publishableKey: PK, endpoint: '/api/checkout' },
      DEFAULT_EDITION,
      { fetch: impl as unknown as typeof fetch, load: async () => ({}) },
    );
    await expect(run).rejects.toBeInstanceOf(CheckoutError);
    await expect(run).rejects.toThrow(message);
  });

  it('follows the local Stripe stand-in on loopback and loads no Stripe.js without a key', async () => {
    const load = vi.fn(async () => ({}));
    const step = await startCheckout(
      { mode: 'endpoint', publishableKey: null, endpoint: '/api/checkout' },
      DEFAULT_EDITION,
      {
        fetch: (async () =>
          Response.json({ url: 'http://127.0.0.1:12111/c/pay/cs_test_abc' })) as typeof fetch,
        load,
        stripeWaitMs: 10,
      },
    );
    expect(step.url).toBe('http://127.0.0.1:12111/c/pay/cs_test_abc');
    expect(load).not.toHaveBeenCalled();
  });
});
