// @vitest-environment node
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_EDITION, EDITIONS } from '@local-memory/catalog';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveStorefront, StorefrontConfigError } from './storefrontConfig';
import { priceVariables } from './stripePrice';

// Test-only values, never real Stripe credentials.
const TEST_KEY = 'sk_test_UNIT-TEST-ONLY-storefront-price-reader-0123456789';
const PRICE_ID = 'price_UnitTestOnly49usd';

/** A loopback stand-in for Stripe's REST API: GET /v1/prices/:id, as Stripe answers it. */
let stripe: Server;
let stripeOrigin: string;
let requests: IncomingMessage[] = [];
const prices = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  stripe = createServer((req, res) => {
    requests.push(req);
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.headers.authorization !== `Bearer ${TEST_KEY}`)
      return json(401, {
        error: { type: 'invalid_request_error', message: 'Invalid API Key provided' },
      });
    const match = /^\/v1\/prices\/([^/]+)$/.exec(req.url ?? '');
    const price = match ? prices.get(decodeURIComponent(match[1] as string)) : undefined;
    if (price === undefined)
      return json(404, { error: { type: 'invalid_request_error', code: 'resource_missing' } });
    return json(200, price);
  });
  await new Promise<void>((resolve) => stripe.listen(0, '127.0.0.1', resolve));
  stripeOrigin = `http://127.0.0.1:${(stripe.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => stripe.close(() => resolve())));
beforeEach(() => {
  requests = [];
  prices.clear();
  prices.set(PRICE_ID, {
    id: PRICE_ID,
    object: 'price',
    active: true,
    currency: 'eur',
    unit_amount: 3900,
    tax_behavior: 'inclusive',
    type: 'one_time',
  });
});

const others = Object.values(EDITIONS).filter((edition) => edition.id !== DEFAULT_EDITION);

/** The tests are about the default edition's price; the others get a text price each. */
const OTHER_PRICES = Object.fromEntries(
  others.map((edition) => [priceVariables(edition).text, '99.00 USD']),
);

const OPERATOR = {
  ...OTHER_PRICES,
  VITE_LEGAL_NAME: 'Local Memory Software Ltd',
  VITE_LEGAL_ADDRESS: '12 Harbour Road, Dublin D02 XY00, Ireland',
  VITE_REFUND_DAYS: '30',
  VITE_SUPPORT_EMAIL: 'support@localmemory.co',
};

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorefrontConfigError);
  return (error as StorefrontConfigError).problems.map((p) => `${p.variable}: ${p.message}`);
}

describe('the price, one source of truth with Checkout', () => {
  it('is read from the Stripe Price when STRIPE_PRICE_ID and STRIPE_SECRET_KEY are set', async () => {
    const build = await resolveStorefront(
      {
        ...OPERATOR,
        STRIPE_PRICE_ID: PRICE_ID,
        STRIPE_SECRET_KEY: TEST_KEY,
        STRIPE_API_BASE: stripeOrigin,
        VITE_PRICE: '49.00 USD',
      },
      { production: true },
    );
    expect(build.price).toEqual({
      amountMinor: 3900,
      currency: 'EUR',
      taxBehavior: 'inclusive',
      source: 'stripe',
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe(`/v1/prices/${PRICE_ID}`);
  });

  it("reads every edition's price from its own Stripe Price, naming that edition's variable when wrong", async () => {
    const env: Record<string, string> = {
      ...OPERATOR,
      STRIPE_SECRET_KEY: TEST_KEY,
      STRIPE_API_BASE: stripeOrigin,
    };
    Object.values(EDITIONS).forEach((edition, i) => {
      const id = `price_UnitTestOnlyEdition${i}`;
      env[edition.price.variable] = id;
      prices.set(id, {
        active: true,
        currency: 'usd',
        unit_amount: 1000 * (i + 1),
        type: 'one_time',
      });
    });
    const build = await resolveStorefront(env, { production: true });
    Object.values(EDITIONS).forEach((edition, i) => {
      expect(build.prices[edition.id as keyof typeof build.prices], edition.id).toMatchObject({
        amountMinor: 1000 * (i + 1),
        source: 'stripe',
      });
    });
    expect(build.price).toBe(build.prices[DEFAULT_EDITION]);
    for (const edition of Object.values(EDITIONS)) {
      const problems = await problemsOf(
        resolveStorefront(
          { ...env, [edition.price.variable]: 'price_NoSuchPrice' },
          { production: true },
        ),
      );
      expect(problems).toEqual([
        expect.stringMatching(new RegExp(`^${edition.price.variable}: Stripe has no price`)),
      ]);
    }
  });

  it('names the price variables of each edition: STRIPE_PRICE_ID and VITE_PRICE for the default', () => {
    expect(priceVariables(EDITIONS[DEFAULT_EDITION])).toEqual({
      id: 'STRIPE_PRICE_ID',
      text: 'VITE_PRICE',
    });
    for (const edition of Object.values(EDITIONS)) {
      expect(priceVariables(edition).text).toMatch(/^VITE_(?:[A-Z0-9]+_)*PRICE$/);
    }
  });

  it('reads the key from STRIPE_SECRET_KEY_FILE', async () => {
    const build = await resolveStorefront(
      {
        ...OPERATOR,
        STRIPE_PRICE_ID: PRICE_ID,
        STRIPE_SECRET_KEY_FILE: '/run/secrets/stripe',
        STRIPE_API_BASE: stripeOrigin,
      },
      {
        production: true,
        readFile: (path) => (path === '/run/secrets/stripe' ? `${TEST_KEY}\n` : ''),
      },
    );
    expect(build.price.amountMinor).toBe(3900);
  });

  it.each([
    [
      'a wrong key',
      { STRIPE_SECRET_KEY: 'sk_test_UNIT-TEST-ONLY-wrong-key-000000000000000' },
      /STRIPE_SECRET_KEY: Stripe rejected STRIPE_SECRET_KEY \(401\)/,
    ],
    [
      'an unknown price',
      { STRIPE_PRICE_ID: 'price_NoSuchPrice' },
      /STRIPE_PRICE_ID: Stripe has no price "price_NoSuchPrice"/,
    ],
  ])('fails the build with %s, naming the variable', async (_name, override, message) => {
    const problems = await problemsOf(
      resolveStorefront(
        {
          ...OPERATOR,
          STRIPE_PRICE_ID: PRICE_ID,
          STRIPE_SECRET_KEY: TEST_KEY,
          STRIPE_API_BASE: stripeOrigin,
          ...override,
        },
        { production: true },
      ),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
    expect(problems.join()).not.toContain(TEST_KEY);
  });

  it.each([
    ['archived', { active: false }, /archived/],
    [
      'customer-chosen',
      { unit_amount: null, custom_unit_amount: { preset: 1000 } },
      /no fixed amount/,
    ],
  ])(
    'refuses an %s Stripe price Checkout could not charge as shown',
    async (_name, change, message) => {
      prices.set(PRICE_ID, { ...prices.get(PRICE_ID), ...change });
      const problems = await problemsOf(
        resolveStorefront(
          {
            ...OPERATOR,
            STRIPE_PRICE_ID: PRICE_ID,
            STRIPE_SECRET_KEY: TEST_KEY,
            STRIPE_API_BASE: stripeOrigin,
          },
          { production: true },
        ),
      );
      expect(problems[0]).toMatch(message);
    },
  );

  it('fails when Stripe cannot be reached, suggesting VITE_PRICE', async () => {
    const problems = await problemsOf(
      resolveStorefront(
        {
          ...OPERATOR,
          STRIPE_PRICE_ID: PRICE_ID,
          STRIPE_SECRET_KEY: TEST_KEY,
          STRIPE_API_BASE: 'http://127.0.0.1:1',
        },
        { production: true },
      ),
    );
    expect(problems[0]).toMatch(/^STRIPE_PRICE_ID: could not reach Stripe.*VITE_PRICE/);
  });

  it('is VITE_PRICE otherwise', async () => {
    const build = await resolveStorefront(
      { ...OPERATOR, VITE_PRICE: '49.00 USD' },
      { production: true },
    );
    expect(build.price).toEqual({
      amountMinor: 4900,
      currency: 'USD',
      taxBehavior: 'unspecified',
      source: 'env',
    });
    expect(requests).toHaveLength(0);
  });

  it('fails a production build with neither, naming the variables', async () => {
    const problems = await problemsOf(resolveStorefront({ ...OPERATOR }, { production: true }));
    expect(problems).toEqual([
      expect.stringMatching(/^STRIPE_PRICE_ID, STRIPE_SECRET_KEY or VITE_PRICE: no price/),
    ]);
    const half = await problemsOf(
      resolveStorefront({ ...OPERATOR, STRIPE_PRICE_ID: PRICE_ID }, { production: true }),
    );
    expect(half[0]).toMatch(/^STRIPE_SECRET_KEY: STRIPE_PRICE_ID is set but STRIPE_SECRET_KEY/);
  });

  it('uses a labelled demo price in the demo and fails on a malformed VITE_PRICE in any build', async () => {
    const demo = await resolveStorefront({}, { production: false });
    expect(demo.price).toMatchObject({ amountMinor: 4900, currency: 'USD', source: 'demo' });
    for (const edition of Object.values(EDITIONS)) {
      const [amount, currency] = edition.price.demoAmount.split(' ');
      expect(demo.prices[edition.id as keyof typeof demo.prices]).toMatchObject({
        amountMinor: Math.round(Number(amount) * 100),
        currency,
        source: 'demo',
      });
    }
    const problems = await problemsOf(
      resolveStorefront({ VITE_PRICE: '49 dollars' }, { production: false }),
    );
    expect(problems[0]).toMatch(/^VITE_PRICE: VITE_PRICE must be an amount and an ISO currency/);
  });
});

describe('the operator details the legal pages name', () => {
  it('fails a production build with any unset, naming every one', async () => {
    const problems = await problemsOf(
      resolveStorefront({ ...OTHER_PRICES, VITE_PRICE: '49.00 USD' }, { production: true }),
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'VITE_LEGAL_NAME',
      'VITE_LEGAL_ADDRESS',
      'VITE_REFUND_DAYS',
      'VITE_SUPPORT_EMAIL',
    ]);
  });

  it.each([
    ['VITE_REFUND_DAYS', 'thirty', /whole number of days from 1 to 365/],
    ['VITE_REFUND_DAYS', '0', /whole number of days/],
    ['VITE_SUPPORT_EMAIL', 'support at localmemory', /must be an email address/],
    ['VITE_LEGAL_NAME', 'YOUR_COMPANY_NAME', /placeholder/],
    ['VITE_LEGAL_NAME', 'Demo Operator Ltd (demo value)', /placeholder/],
  ])('rejects %s=%j', async (variable, value, message) => {
    const problems = await problemsOf(
      resolveStorefront(
        { ...OPERATOR, VITE_PRICE: '49.00 USD', [variable]: value },
        { production: true },
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^${variable}: .*${message.source}`)),
    ]);
  });

  it('are the configured values in production and labelled demo values in the demo', async () => {
    const real = await resolveStorefront(
      { ...OPERATOR, VITE_PRICE: '49.00 USD', VITE_SITE_URL: 'https://localmemory.co/' },
      { production: true },
    );
    expect(real.operator).toEqual({
      legalName: 'Local Memory Software Ltd',
      address: '12 Harbour Road, Dublin D02 XY00, Ireland',
      refundDays: 30,
      supportEmail: 'support@localmemory.co',
    });
    expect(real.siteUrl).toBe('https://localmemory.co');
    expect(real.demo).toBe(false);
    const demo = await resolveStorefront({}, { production: false });
    expect(demo.operator.legalName).toMatch(/\(demo value\)$/);
    expect(demo.operator.address).toMatch(/\(demo value\)$/);
    expect(demo.demo).toBe(true);
  });

  it('requires an https site address in production', async () => {
    const problems = await problemsOf(
      resolveStorefront(
        { ...OPERATOR, VITE_PRICE: '49.00 USD', VITE_SITE_URL: 'http://localmemory.co' },
        { production: true },
      ),
    );
    expect(problems[0]).toMatch(/^VITE_SITE_URL: /);
  });
});
