/**
 * The site's configuration, read from `import.meta.env` once at start-up. Every wrong variable is
 * named with what to do about it; nothing here throws, so a misconfigured deployment still renders
 * and tells the operator (and never shows a customer a made-up key).
 * @module
 */
import {
  type ConfigProblem,
  FULFILMENT_VARIABLE,
  type Fulfilment,
  serverModeSecretProblem,
} from './fulfilment';

export type { ConfigProblem };

/** What the Success page needs to derive keys and links. */
export type DownloadConfig =
  | { readonly ok: true; readonly secret: string; readonly baseUrl: string }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

/** How "Buy" works. */
export type CheckoutConfig =
  | { readonly mode: 'demo' }
  | {
      readonly mode: 'payment-link';
      readonly publishableKey: string;
      /** Each edition's Payment Link, by edition id. */
      readonly urls: Readonly<Record<string, string>>;
    }
  | {
      readonly mode: 'endpoint';
      /** null in server mode without a publishable key: hosted Checkout needs no Stripe.js. */
      readonly publishableKey: string | null;
      readonly endpoint: string;
    }
  | { readonly mode: 'unconfigured'; readonly problems: readonly ConfigProblem[] };

export interface AppConfig {
  readonly fulfilment: Fulfilment;
  /**
   * Browser mode's secret and download base. In server mode the bundle holds no secret and this
   * is `ok: false` (with no problems unless a secret was given anyway). `undefined` in browser mode
   * when read without a {@link DownloadReader}: only the Success page reads the secret
   * (config/download.ts), so no other page loads the key derivation.
   */
  readonly download: DownloadConfig | undefined;
  readonly checkout: CheckoutConfig;
  /** The labelled demo: no payment is taken. */
  readonly demo: boolean;
  /** Every problem found, for the operator. */
  readonly problems: readonly ConfigProblem[];
}

export type { Fulfilment };

const PLACEHOLDER =
  /placeholder|your[_-]|xxxx|changeme|change[_-]me|replace|example|todo|\.\.\.|…/i;
const PUBLISHABLE_KEY = /^pk_(test|live)_[A-Za-z0-9]{16,}$/;

/** Reads and validates browser mode's secret and download base (config/download.ts). */
export type DownloadReader = (env: Readonly<Record<string, unknown>>) => DownloadConfig;

/** Trimmed value of a variable, `undefined` when unset or blank. */
export function text(env: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = env[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The default edition's Payment Link variable: its name decides the checkout mode. The catalogue
 * sells the default edition through `STRIPE_PRICE_ID`, whose link this is (storefront.test.ts).
 */
const DEFAULT_LINK = 'VITE_STRIPE_PAYMENT_LINK';

/** Each edition's Payment Link, and a problem for each missing or malformed one. */
function readPaymentLinks(
  env: Readonly<Record<string, unknown>>,
  problems: ConfigProblem[],
): Record<string, string> {
  const urls: Record<string, string> = {};
  // Each edition's Payment Link variable, the catalogue's names (`VITE_STRIPE_PAYMENT_LINK`,
  // `VITE_STRIPE_PRO_PAYMENT_LINK`, …), built in by vite-plugins/storefront.ts so that this
  // module, which every route reads, carries no copy of the catalogue (the Success page's budget).
  for (const [id, variable] of __PAYMENT_LINKS__) {
    const url = text(env, variable);
    if (url === undefined) {
      problems.push({
        variable,
        message: `${variable} is not set: the Payment Link that sells the ${id} edition (each edition has its own, like ${DEFAULT_LINK}).`,
      });
    } else if (!isHttpsUrl(url) || PLACEHOLDER.test(url)) {
      problems.push({
        variable,
        message: `${variable} must be the https:// URL of a Stripe Payment Link, not a placeholder.`,
      });
    } else {
      urls[id] = url;
    }
  }
  return urls;
}

function readCheckout(
  env: Readonly<Record<string, unknown>>,
  demo: boolean,
  fulfilment: Fulfilment,
): CheckoutConfig {
  if (demo) return { mode: 'demo' };
  const problems: ConfigProblem[] = [];
  const publishableKey = text(env, 'VITE_STRIPE_PUBLISHABLE_KEY');
  if (publishableKey === undefined) {
    // In server mode hosted Checkout through our API works without Stripe.js (a key only adds
    // fraud signals), so the key is optional there.
    if (fulfilment === 'browser')
      problems.push({
        variable: 'VITE_STRIPE_PUBLISHABLE_KEY',
        message:
          'VITE_STRIPE_PUBLISHABLE_KEY is not set. Copy the publishable key (pk_live_… or pk_test_…) from the Stripe Dashboard, Developers → API keys.',
      });
  } else if (!PUBLISHABLE_KEY.test(publishableKey) || PLACEHOLDER.test(publishableKey)) {
    problems.push({
      variable: 'VITE_STRIPE_PUBLISHABLE_KEY',
      message: publishableKey.startsWith('sk_')
        ? 'VITE_STRIPE_PUBLISHABLE_KEY holds a secret key (sk_…). Remove it from the build at once, roll that key in Stripe, and use the publishable key (pk_…) instead.'
        : 'VITE_STRIPE_PUBLISHABLE_KEY is not a Stripe publishable key (expected pk_live_… or pk_test_…, not a placeholder).',
    });
  }
  // The default edition's link decides the mode; the others are then required too.
  const paymentLink = text(env, DEFAULT_LINK);
  const endpoint = text(env, 'VITE_STRIPE_CHECKOUT_ENDPOINT');
  if (paymentLink === undefined && endpoint === undefined) {
    problems.push({
      variable: 'VITE_STRIPE_PAYMENT_LINK',
      message:
        'Set VITE_STRIPE_PAYMENT_LINK (a https://buy.stripe.com/… Payment Link whose confirmation page redirects to /success?session_id={CHECKOUT_SESSION_ID}) or VITE_STRIPE_CHECKOUT_ENDPOINT (an endpoint that creates a Checkout Session and answers { "url": … }).',
    });
  }
  if (fulfilment === 'server' && paymentLink !== undefined) {
    problems.push({
      variable: 'VITE_STRIPE_PAYMENT_LINK',
      message:
        'In server mode Checkout Sessions come from the API: remove VITE_STRIPE_PAYMENT_LINK and set VITE_STRIPE_CHECKOUT_ENDPOINT=/api/checkout.',
    });
  } else if (paymentLink !== undefined && endpoint !== undefined) {
    problems.push({
      variable: 'VITE_STRIPE_CHECKOUT_ENDPOINT',
      message:
        'Set either VITE_STRIPE_PAYMENT_LINK or VITE_STRIPE_CHECKOUT_ENDPOINT, not both, so it is clear which one takes payments.',
    });
  }
  const urls =
    paymentLink !== undefined && endpoint === undefined && fulfilment === 'browser'
      ? readPaymentLinks(env, problems)
      : {};
  if (
    endpoint !== undefined &&
    ((!endpoint.startsWith('/') && !isHttpsUrl(endpoint)) || PLACEHOLDER.test(endpoint))
  ) {
    problems.push({
      variable: 'VITE_STRIPE_CHECKOUT_ENDPOINT',
      message:
        'VITE_STRIPE_CHECKOUT_ENDPOINT must be a same-origin path (/api/checkout) or an https:// URL.',
    });
  }
  if (problems.length > 0) return { mode: 'unconfigured', problems };
  if (endpoint !== undefined)
    return { mode: 'endpoint', publishableKey: publishableKey ?? null, endpoint };
  if (paymentLink !== undefined && publishableKey !== undefined)
    return { mode: 'payment-link', publishableKey, urls };
  return { mode: 'unconfigured', problems };
}

function readFulfilment(
  env: Readonly<Record<string, unknown>>,
  problems: ConfigProblem[],
): Fulfilment {
  const value = text(env, FULFILMENT_VARIABLE);
  if (value === undefined || value === 'browser') return 'browser';
  if (value === 'server') return 'server';
  problems.push({
    variable: FULFILMENT_VARIABLE,
    message: `${FULFILMENT_VARIABLE} must be "browser" (keys made on the page) or "server" (keys from the API after Stripe confirms payment), got ${JSON.stringify(value.slice(0, 20))}.`,
  });
  // Unknown: the safer reading. Server mode shows no key the API has not vouched for.
  return 'server';
}

/**
 * Validate the environment. Pure: tests pass their own `env`.
 * @param env - `import.meta.env` or a test double
 */
export function readConfig(
  env: Readonly<Record<string, unknown>>,
  readDownload?: DownloadReader,
): AppConfig {
  const demoFlag = text(env, 'VITE_DEMO_MODE');
  const problems: ConfigProblem[] = [];
  if (demoFlag !== undefined && demoFlag !== 'true' && demoFlag !== 'false') {
    problems.push({
      variable: 'VITE_DEMO_MODE',
      message: `VITE_DEMO_MODE must be "true" or "false", got ${JSON.stringify(demoFlag.slice(0, 20))}.`,
    });
  }
  const demo = demoFlag === 'true';
  const fulfilment = readFulfilment(env, problems);
  let download: DownloadConfig | undefined;
  if (fulfilment === 'browser') {
    download = readDownload?.(env);
    if (download && !download.ok) problems.push(...download.problems);
  } else {
    const secretProblem = serverModeSecretProblem(env);
    if (secretProblem !== null) problems.push(secretProblem);
    // What keeps the Success page from working in this mode (checkout problems do not).
    download = { ok: false, problems: [...problems] };
    if (demo) {
      problems.push({
        variable: 'VITE_DEMO_MODE',
        message:
          'VITE_DEMO_MODE=true simulates purchases in the browser, which server mode does not do: set VITE_DEMO_MODE=false (the local stack has its own Stripe stand-in).',
      });
    }
  }
  const checkout = readCheckout(env, demo, fulfilment);
  if (checkout.mode === 'unconfigured') problems.push(...checkout.problems);
  return { fulfilment, download, checkout, demo, problems };
}

/** The configuration of this build (without the download secret: see config/download.ts). */
export const config: AppConfig = readConfig(import.meta.env);
