/**
 * The Stripe part of the configuration: keys and (local stand-in only) the endpoint. The editions'
 * prices are editionPrices.ts.
 * @module
 */
import { absoluteHttpUrl } from './checks.js';
import type { Env, StripeEndpoint } from './config.js';
import { requiredSecret } from './secrets.js';

/** The Stripe variables, each undefined when wrong (a problem line says why). */
export interface StripeSettings {
  readonly stripeSecretKey: string | undefined;
  readonly stripeWebhookSecret: string | undefined;
  readonly stripeEndpoint: StripeEndpoint | undefined;
}

/**
 * Read the Stripe variables.
 * @param env - the environment
 * @param problems - where each wrong variable is named
 */
export async function readStripeSettings(env: Env, problems: string[]): Promise<StripeSettings> {
  const stripeSecretKey = await requiredSecret(
    env,
    'STRIPE_SECRET_KEY',
    'the Stripe secret key (sk_test_… or sk_live_…, or a restricted rk_… key), or STRIPE_SECRET_KEY_FILE naming a file that holds it',
    problems,
  );
  if (
    stripeSecretKey !== undefined &&
    !/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(stripeSecretKey)
  ) {
    problems.push(
      'STRIPE_SECRET_KEY must be a Stripe secret key: sk_test_…, sk_live_…, rk_test_… or rk_live_…',
    );
  }

  const stripeWebhookSecret = await requiredSecret(
    env,
    'STRIPE_WEBHOOK_SECRET',
    'the endpoint signing secret (whsec_…) from the Stripe dashboard or `stripe listen`, or STRIPE_WEBHOOK_SECRET_FILE',
    problems,
  );
  if (stripeWebhookSecret !== undefined && !/^whsec_[A-Za-z0-9+/=_-]+$/.test(stripeWebhookSecret)) {
    problems.push('STRIPE_WEBHOOK_SECRET must be a webhook signing secret starting with whsec_');
  }

  let stripeEndpoint: StripeEndpoint | undefined;
  if (env.STRIPE_API_BASE) {
    const url = absoluteHttpUrl(env.STRIPE_API_BASE);
    if (!url || (url.pathname !== '/' && url.pathname !== '')) {
      problems.push(
        'STRIPE_API_BASE must be an http(s) origin such as http://127.0.0.1:12111 (local stand-in only; leave it unset for Stripe)',
      );
    } else {
      const protocol = url.protocol === 'https:' ? 'https' : 'http';
      stripeEndpoint = {
        protocol,
        host: url.hostname,
        port: url.port ? Number(url.port) : protocol === 'https' ? 443 : 80,
      };
    }
  }

  return { stripeSecretKey, stripeWebhookSecret, stripeEndpoint };
}
