/**
 * The site's configuration, read from `import.meta.env` once at start-up. Every wrong variable is
 * named with what to do about it; nothing here throws, so a misconfigured deployment still renders
 * and tells the operator (and never shows a customer a made-up key).
 * @module
 */
import {
  assertConfiguredSecret,
  isDownloadKeysError,
  normalizeBaseUrl,
} from '@local-memory/download-keys';

/** One wrong or missing variable. Messages never contain the variable's value if it is a secret. */
export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/** What the Success page needs to derive keys and links. */
export type DownloadConfig =
  | { readonly ok: true; readonly secret: string; readonly baseUrl: string }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

/** How "Buy" works. */
export type CheckoutConfig =
  | { readonly mode: 'demo' }
  | { readonly mode: 'payment-link'; readonly publishableKey: string; readonly url: string }
  | { readonly mode: 'endpoint'; readonly publishableKey: string; readonly endpoint: string }
  | { readonly mode: 'unconfigured'; readonly problems: readonly ConfigProblem[] };

export interface AppConfig {
  readonly download: DownloadConfig;
  readonly checkout: CheckoutConfig;
  /** The labelled demo: no payment is taken. */
  readonly demo: boolean;
  /** Every problem found, for the operator. */
  readonly problems: readonly ConfigProblem[];
}

const PLACEHOLDER =
  /placeholder|your[_-]|xxxx|changeme|change[_-]me|replace|example|todo|\.\.\.|…/i;
const PUBLISHABLE_KEY = /^pk_(test|live)_[A-Za-z0-9]{16,}$/;

function text(env: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = env[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function readDownload(env: Readonly<Record<string, unknown>>): DownloadConfig {
  const problems: ConfigProblem[] = [];
  let secret = '';
  try {
    secret = assertConfiguredSecret(env.VITE_DOWNLOAD_SECRET, 'VITE_DOWNLOAD_SECRET');
  } catch (error) {
    if (!isDownloadKeysError(error)) throw error;
    problems.push({ variable: 'VITE_DOWNLOAD_SECRET', message: error.message });
  }
  let baseUrl = '/downloads';
  const rawBase = text(env, 'VITE_DOWNLOAD_BASE_URL');
  if (rawBase !== undefined) {
    try {
      baseUrl = normalizeBaseUrl(rawBase, 'VITE_DOWNLOAD_BASE_URL');
    } catch (error) {
      if (!isDownloadKeysError(error)) throw error;
      problems.push({
        variable: 'VITE_DOWNLOAD_BASE_URL',
        message: `${error.message}. Use /downloads, https://localmemory.co/downloads or your CDN's https origin.`,
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, secret, baseUrl };
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function readCheckout(env: Readonly<Record<string, unknown>>, demo: boolean): CheckoutConfig {
  if (demo) return { mode: 'demo' };
  const problems: ConfigProblem[] = [];
  const publishableKey = text(env, 'VITE_STRIPE_PUBLISHABLE_KEY');
  if (publishableKey === undefined) {
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
  const paymentLink = text(env, 'VITE_STRIPE_PAYMENT_LINK');
  const endpoint = text(env, 'VITE_STRIPE_CHECKOUT_ENDPOINT');
  if (paymentLink === undefined && endpoint === undefined) {
    problems.push({
      variable: 'VITE_STRIPE_PAYMENT_LINK',
      message:
        'Set VITE_STRIPE_PAYMENT_LINK (a https://buy.stripe.com/… Payment Link whose confirmation page redirects to /success?session_id={CHECKOUT_SESSION_ID}) or VITE_STRIPE_CHECKOUT_ENDPOINT (an endpoint that creates a Checkout Session and answers { "url": … }).',
    });
  }
  if (paymentLink !== undefined && endpoint !== undefined) {
    problems.push({
      variable: 'VITE_STRIPE_CHECKOUT_ENDPOINT',
      message:
        'Set either VITE_STRIPE_PAYMENT_LINK or VITE_STRIPE_CHECKOUT_ENDPOINT, not both, so it is clear which one takes payments.',
    });
  }
  if (paymentLink !== undefined && (!isHttpsUrl(paymentLink) || PLACEHOLDER.test(paymentLink))) {
    problems.push({
      variable: 'VITE_STRIPE_PAYMENT_LINK',
      message:
        'VITE_STRIPE_PAYMENT_LINK must be the https:// URL of a Stripe Payment Link, not a placeholder.',
    });
  }
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
  if (problems.length > 0 || publishableKey === undefined)
    return { mode: 'unconfigured', problems };
  if (paymentLink !== undefined) return { mode: 'payment-link', publishableKey, url: paymentLink };
  if (endpoint !== undefined) return { mode: 'endpoint', publishableKey, endpoint };
  return { mode: 'unconfigured', problems };
}

/**
 * Validate the environment. Pure: tests pass their own `env`.
 * @param env - `import.meta.env` or a test double
 */
export function readConfig(env: Readonly<Record<string, unknown>>): AppConfig {
  const demoFlag = text(env, 'VITE_DEMO_MODE');
  const problems: ConfigProblem[] = [];
  if (demoFlag !== undefined && demoFlag !== 'true' && demoFlag !== 'false') {
    problems.push({
      variable: 'VITE_DEMO_MODE',
      message: `VITE_DEMO_MODE must be "true" or "false", got ${JSON.stringify(demoFlag.slice(0, 20))}.`,
    });
  }
  const demo = demoFlag === 'true';
  const download = readDownload(env);
  const checkout = readCheckout(env, demo);
  if (!download.ok) problems.push(...download.problems);
  if (checkout.mode === 'unconfigured') problems.push(...checkout.problems);
  return { download, checkout, demo, problems };
}

/** The configuration of this build. */
export const config: AppConfig = readConfig(import.meta.env);
