/**
 * What the e2e suite runs against: two production builds of the landing site (one configured
 * with a known test secret and a stubbed Stripe setup, one with no secret at all), served by
 * `vite preview` on 127.0.0.1 with the local download store. Shared by the Playwright config,
 * the fixtures and support/serve.mjs (which reads the same values from its arguments).
 * @module
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoAmountEnv, SUPPORT } from '@local-memory/catalog';

export const E2E_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = join(E2E_DIR, '..');
export const REPORTS_DIR = join(REPO_DIR, 'reports');

/** Known to the tests only; at least 32 characters like every configured secret. */
export const E2E_SECRET = 'E2E-TEST-ONLY-local-memory-secret-0123456789';
export const STORE_DIR = join(E2E_DIR, '.store');
export const SITES_DIR = join(E2E_DIR, '.sites');
/** The demo release global setup writes, which every store is stocked with. */
export const RELEASE_DIR = join(E2E_DIR, '.release');

export const CONFIGURED_PORT = Number(process.env.E2E_PORT ?? 4180);
export const MISCONFIGURED_PORT = CONFIGURED_PORT + 1;
/**
 * The server-mode site (journey 10), started by a worker fixture with the API's local stack: one
 * per parallel worker, on the ports after the two above.
 */
export const serverModePort = (parallelIndex: number): number =>
  CONFIGURED_PORT + 2 + parallelIndex;
/** The server-mode API's download store (the browser-mode sites use STORE_DIR), per worker. */
export const serverStoreDir = (parallelIndex: number): string =>
  join(E2E_DIR, '.store-server', String(parallelIndex));
export const ORIGIN = `http://127.0.0.1:${CONFIGURED_PORT}`;
export const MISCONFIGURED_ORIGIN = `http://127.0.0.1:${MISCONFIGURED_PORT}`;

/** Stripe configuration of the configured build; Stripe's hosts are stubbed in the tests. */
export const STRIPE_PUBLISHABLE_KEY = 'pk_test_51E2EplaywrightStubKey0000';
export const STRIPE_PAYMENT_LINK = 'https://buy.stripe.com/test_e2ePlaywrightStubLink';

/** What a production build must state (the price and the operator details the legal pages name). */
export const STOREFRONT_ENV = {
  // Every edition's price; the default edition's is the one the specs check.
  ...demoAmountEnv(),
  VITE_PRICE: '39.00 EUR',
  VITE_LEGAL_NAME: 'E2E Test Operator Ltd',
  VITE_LEGAL_ADDRESS: '1 Test Lane, Testville TE5 7ST',
  VITE_REFUND_DAYS: '14',
  VITE_SUPPORT_EMAIL: SUPPORT.defaultEmail,
} as const satisfies Record<string, string>;

export const CONFIGURED_ENV: Record<string, string> = {
  ...STOREFRONT_ENV,
  VITE_DOWNLOAD_SECRET: E2E_SECRET,
  VITE_DOWNLOAD_BASE_URL: '/downloads',
  VITE_STRIPE_PUBLISHABLE_KEY: STRIPE_PUBLISHABLE_KEY,
  VITE_STRIPE_PAYMENT_LINK: STRIPE_PAYMENT_LINK,
  VITE_DEMO_MODE: 'false',
};
/** A deployment that forgot its secret (and everything else). */
export const MISCONFIGURED_ENV: Record<string, string> = {
  ...STOREFRONT_ENV,
  VITE_DOWNLOAD_SECRET: '',
  VITE_STRIPE_PUBLISHABLE_KEY: '',
  VITE_STRIPE_PAYMENT_LINK: '',
  VITE_DEMO_MODE: 'false',
};

/** Server mode: no secret in the page; Checkout Sessions and purchases come from the API. */
export const SERVER_MODE_ENV: Record<string, string> = {
  ...STOREFRONT_ENV,
  VITE_FULFILMENT: 'server',
  VITE_DOWNLOAD_SECRET: '',
  VITE_STRIPE_PUBLISHABLE_KEY: '',
  VITE_STRIPE_PAYMENT_LINK: '',
  VITE_STRIPE_CHECKOUT_ENDPOINT: '/api/checkout',
  VITE_DEMO_MODE: 'false',
};

/** Debian's Chromium, never a downloaded browser; shared with the Lighthouse script. */
export { CHROMIUM_PATH, PLAYWRIGHT_ARGS } from '@local-memory/chromium';
