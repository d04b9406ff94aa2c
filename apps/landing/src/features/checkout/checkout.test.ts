import { afterEach, describe, expect, it, vi } from 'vitest';
import { _resetStripeForTests, CheckoutError, preloadStripe, startCheckout } from './checkout';

const PK = 'pk_test_51H8abcdefghijklmnopqrstuv';

afterEach(() => {
  _resetStripeForTests();
});

describe('checkout', () => {
  it('demo mode lands on /success with a fresh demo session id', async () => {
    const step = await startCheckout({ mode: 'demo' }, { random: (b) => b.fill(7) });
    expect(step).toEqual({
      kind: 'navigate',
      url: `/success?session_id=cs_test_demo${'H'.repeat(24)}`,
    });
    const a = await startCheckout({ mode: 'demo' });
    const b = await startCheckout({ mode: 'demo' });
    expect(a.url).toMatch(/^\/success\?session_id=cs_test_demo[A-Za-z0-9]{24}$/);
    expect(a.url).not.toBe(b.url);
  });

  it('loads Stripe.js once, on intent, and then follows the Payment Link', async () => {
    const load = vi.fn(async () => ({}));
    const checkout = {
      mode: 'payment-link',
      publishableKey: PK,
      url: 'https://buy.stripe.com/test_x',
    } as const;
    preloadStripe(checkout, load);
    preloadStripe(checkout, load);
    const step = await startCheckout(checkout, { load });
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
      url: 'https://buy.stripe.com/test_x',
    } as const;
    expect((await startCheckout(checkout, { load })).url).toBe('https://buy.stripe.com/test_x');
    _resetStripeForTests();
    expect((await startCheckout(checkout, { load: never, stripeWaitMs: 10 })).url).toBe(
      'https://buy.stripe.com/test_x',
    );
  });

  it('asks the endpoint for a Checkout Session and follows its URL', async () => {
    const fetchStub = vi.fn(async () =>
      Response.json({ url: 'https://checkout.stripe.com/c/pay/cs_test_abc' }),
    );
    const step = await startCheckout(
      { mode: 'endpoint', publishableKey: PK, endpoint: '/api/checkout' },
      { fetch: fetchStub as unknown as typeof fetch, load: async () => ({}) },
    );
    expect(step.url).toBe('https://checkout.stripe.com/c/pay/cs_test_abc');
    expect(fetchStub).toHaveBeenCalledWith(
      '/api/checkout',
      expect.objectContaining({ method: 'POST' }),
    );
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
      { fetch: impl as unknown as typeof fetch, load: async () => ({}) },
    );
    await expect(run).rejects.toBeInstanceOf(CheckoutError);
    await expect(run).rejects.toThrow(message);
  });

  it('follows the local Stripe stand-in on loopback and loads no Stripe.js without a key', async () => {
    const load = vi.fn(async () => ({}));
    const step = await startCheckout(
      { mode: 'endpoint', publishableKey: null, endpoint: '/api/checkout' },
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
