import { DEFAULT_EDITION, EDITIONS, type Edition, priceNames } from '@local-memory/catalog';
import { describe, expect, it } from 'vitest';
import { readFullConfig as readConfig } from './download';
import { serverModeSecretProblem } from './fulfilment';

const SECRET = 'UNIT-TEST-ONLY-landing-secret-0123456789';
const PK = 'pk_test_51H8abcdefghijklmnopqrstuv';

const LINK = 'https://buy.stripe.com/test_4gw5kD2Pz';
const paymentLinkVariable = (edition: Edition) => priceNames(edition).paymentLink;
const others = Object.values(EDITIONS).filter((edition) => edition.id !== DEFAULT_EDITION);
/** The Payment Links of the editions besides the default one (browser mode needs one each). */
const OTHER_LINKS: Record<string, string> = Object.fromEntries(
  others.map((edition) => [
    paymentLinkVariable(edition),
    `https://buy.stripe.com/test_${edition.id}`,
  ]),
);

const variables = (env: Record<string, string>) => readConfig(env).problems.map((p) => p.variable);

describe('readConfig', () => {
  it('accepts a complete Payment Link configuration', () => {
    const config = readConfig({
      VITE_DOWNLOAD_SECRET: SECRET,
      VITE_DOWNLOAD_BASE_URL: 'https://localmemory.co/downloads/',
      VITE_STRIPE_PUBLISHABLE_KEY: PK,
      VITE_STRIPE_PAYMENT_LINK: LINK,
      ...OTHER_LINKS,
    });
    expect(config.problems).toEqual([]);
    expect(config.download).toEqual({
      ok: true,
      secret: SECRET,
      baseUrl: 'https://localmemory.co/downloads',
    });
    expect(config.checkout).toEqual({
      mode: 'payment-link',
      publishableKey: PK,
      urls: {
        [DEFAULT_EDITION]: LINK,
        ...Object.fromEntries(others.map((e) => [e.id, `https://buy.stripe.com/test_${e.id}`])),
      },
    });
  });

  it("reads each edition's Payment Link from its own variable and names a missing one", () => {
    expect(Object.values(EDITIONS).map(paymentLinkVariable)).toContain('VITE_STRIPE_PAYMENT_LINK');
    expect(paymentLinkVariable(EDITIONS[DEFAULT_EDITION])).toBe('VITE_STRIPE_PAYMENT_LINK');
    const base = { VITE_DOWNLOAD_SECRET: SECRET, VITE_STRIPE_PUBLISHABLE_KEY: PK };
    for (const edition of others) {
      const missing = { ...OTHER_LINKS };
      delete missing[paymentLinkVariable(edition)];
      expect(variables({ ...base, VITE_STRIPE_PAYMENT_LINK: LINK, ...missing })).toEqual([
        paymentLinkVariable(edition),
      ]);
    }
    // The default edition's link missing while another's is set: still named.
    expect(variables({ ...base, ...OTHER_LINKS })).toContain('VITE_STRIPE_PAYMENT_LINK');
  });

  it('accepts a Checkout endpoint and defaults the download base to /downloads', () => {
    const config = readConfig({
      VITE_DOWNLOAD_SECRET: SECRET,
      VITE_STRIPE_PUBLISHABLE_KEY: PK,
      VITE_STRIPE_CHECKOUT_ENDPOINT: '/api/checkout',
    });
    expect(config.checkout).toEqual({
      mode: 'endpoint',
      publishableKey: PK,
      endpoint: '/api/checkout',
    });
    expect(config.download).toMatchObject({ ok: true, baseUrl: '/downloads' });
  });

  it('needs no Stripe settings in demo mode', () => {
    const config = readConfig({ VITE_DOWNLOAD_SECRET: SECRET, VITE_DEMO_MODE: 'true' });
    expect(config).toMatchObject({ demo: true, checkout: { mode: 'demo' }, problems: [] });
  });

  it('names a missing or short secret without echoing it', () => {
    expect(variables({ VITE_DEMO_MODE: 'true' })).toEqual(['VITE_DOWNLOAD_SECRET']);
    const short = readConfig({ VITE_DOWNLOAD_SECRET: 'hunter2-secret', VITE_DEMO_MODE: 'true' });
    expect(short.download.ok).toBe(false);
    expect(short.problems[0]?.message).toContain('at least 32');
    expect(JSON.stringify(short.problems)).not.toContain('hunter2');
  });

  it('names every wrong variable at once', () => {
    const config = readConfig({
      VITE_DOWNLOAD_SECRET: 'short',
      VITE_DOWNLOAD_BASE_URL: 'ftp://files.example',
      VITE_STRIPE_PUBLISHABLE_KEY: 'pk_test_your_key_here_placeholder',
      VITE_DEMO_MODE: 'yes',
    });
    expect(config.problems.map((p) => p.variable)).toEqual([
      'VITE_DEMO_MODE',
      'VITE_DOWNLOAD_SECRET',
      'VITE_DOWNLOAD_BASE_URL',
      'VITE_STRIPE_PUBLISHABLE_KEY',
      'VITE_STRIPE_PAYMENT_LINK',
    ]);
    expect(config.checkout.mode).toBe('unconfigured');
  });

  it('refuses placeholders, secret keys and both checkout styles at once', () => {
    const base = { VITE_DOWNLOAD_SECRET: SECRET };
    expect(
      variables({
        ...base,
        VITE_STRIPE_PUBLISHABLE_KEY: PK,
        VITE_STRIPE_PAYMENT_LINK: 'https://buy.stripe.com/REPLACE_ME',
        ...OTHER_LINKS,
      }),
    ).toEqual(['VITE_STRIPE_PAYMENT_LINK']);
    const secretKey = readConfig({
      ...base,
      VITE_STRIPE_PUBLISHABLE_KEY: 'sk_live_51H8abcdefghijklmnopqrstuv',
      VITE_STRIPE_PAYMENT_LINK: 'https://buy.stripe.com/test_4gw5kD2Pz',
    });
    expect(secretKey.problems[0]?.message).toMatch(/secret key.*roll/);
    expect(JSON.stringify(secretKey.problems)).not.toContain('sk_live_51H8');
    expect(
      variables({
        ...base,
        VITE_STRIPE_PUBLISHABLE_KEY: PK,
        VITE_STRIPE_PAYMENT_LINK: 'https://buy.stripe.com/test_4gw5kD2Pz',
        VITE_STRIPE_CHECKOUT_ENDPOINT: 'http://insecure.example.org/checkout',
      }),
    ).toEqual(['VITE_STRIPE_CHECKOUT_ENDPOINT', 'VITE_STRIPE_CHECKOUT_ENDPOINT']);
  });
});

describe('readConfig in server mode', () => {
  const server = { VITE_FULFILMENT: 'server', VITE_STRIPE_CHECKOUT_ENDPOINT: '/api/checkout' };

  it('defaults to browser mode, exactly as before', () => {
    expect(readConfig({ VITE_DOWNLOAD_SECRET: SECRET, VITE_DEMO_MODE: 'true' })).toMatchObject({
      fulfilment: 'browser',
      download: { ok: true, secret: SECRET },
    });
    expect(
      readConfig({
        VITE_FULFILMENT: 'browser',
        VITE_DOWNLOAD_SECRET: SECRET,
        VITE_DEMO_MODE: 'true',
      }).fulfilment,
    ).toBe('browser');
  });

  it('needs no secret and no publishable key: keys and Checkout come from the API', () => {
    const config = readConfig(server);
    expect(config.problems).toEqual([]);
    expect(config.fulfilment).toBe('server');
    expect(config.download).toEqual({ ok: false, problems: [] });
    expect(config.checkout).toEqual({
      mode: 'endpoint',
      publishableKey: null,
      endpoint: '/api/checkout',
    });
    expect(readConfig({ ...server, VITE_STRIPE_PUBLISHABLE_KEY: PK }).checkout).toMatchObject({
      publishableKey: PK,
    });
  });

  it('names a download secret given to a server-mode build, without echoing it', () => {
    const config = readConfig({ ...server, VITE_DOWNLOAD_SECRET: SECRET });
    expect(config.problems.map((p) => p.variable)).toEqual(['VITE_DOWNLOAD_SECRET']);
    expect(config.problems[0]?.message).toMatch(/must not be set when VITE_FULFILMENT=server/);
    expect(JSON.stringify(config)).not.toContain(SECRET);
    expect(serverModeSecretProblem({ ...server, VITE_DOWNLOAD_SECRET: SECRET })?.variable).toBe(
      'VITE_DOWNLOAD_SECRET',
    );
    expect(serverModeSecretProblem({ ...server, VITE_DOWNLOAD_SECRET: '  ' })).toBeNull();
    expect(serverModeSecretProblem({ VITE_DOWNLOAD_SECRET: SECRET })).toBeNull();
  });

  it('names an unknown mode, the demo flag and a Payment Link, and falls back to server mode', () => {
    const unknown = readConfig({ ...server, VITE_FULFILMENT: 'cloud' });
    expect(unknown.fulfilment).toBe('server');
    expect(unknown.problems.map((p) => p.variable)).toEqual(['VITE_FULFILMENT']);
    expect(unknown.problems[0]?.message).toContain('"cloud"');
    expect(
      variables({
        VITE_FULFILMENT: 'server',
        VITE_DEMO_MODE: 'true',
      }),
    ).toEqual(['VITE_DEMO_MODE']);
    expect(
      variables({
        VITE_FULFILMENT: 'server',
        VITE_STRIPE_PAYMENT_LINK: 'https://buy.stripe.com/test_4gw5kD2Pz',
      }),
    ).toEqual(['VITE_STRIPE_PAYMENT_LINK']);
  });
});
