/**
 * The one Stripe client, and the translation of Stripe SDK failures into fulfilment errors.
 * @module
 */
import Stripe from 'stripe';
import type { Config } from '../config/config.js';
import { FulfilmentError } from '../fulfilment/errors.js';
import { DeadlineHttpClient } from './deadline.js';

/**
 * Create the Stripe client: the real SDK, aimed at the local stand-in when `STRIPE_API_BASE` is set.
 * @param config - validated configuration
 * @returns a Stripe client whose every call, one retry included, ends within `stripeTimeoutMs`
 */
export function createStripe(config: Config): Stripe {
  const endpoint = config.stripeEndpoint;
  return new Stripe(config.stripeSecretKey, {
    timeout: config.stripeTimeoutMs,
    // The deadline client retries within the budget; SDK retries would each get a fresh timeout.
    maxNetworkRetries: 0,
    httpClient: new DeadlineHttpClient({ budgetMs: config.stripeTimeoutMs }),
    telemetry: false,
    appInfo: { name: 'local-memory-api' },
    ...(endpoint ? { host: endpoint.host, port: endpoint.port, protocol: endpoint.protocol } : {}),
  });
}

/** Whether a Stripe SDK error says the object does not exist. */
export function isStripeMissing(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeError &&
    (error.code === 'resource_missing' || error.statusCode === 404)
  );
}

/**
 * Turn an error from a Stripe call into the API's `upstream_unavailable`, keeping the reason for logs.
 * @param error - what the SDK threw
 * @returns a FulfilmentError to throw
 */
export function stripeUnavailable(error: unknown): FulfilmentError {
  const kind = error instanceof Error ? error.name : typeof error;
  return new FulfilmentError(
    'upstream_unavailable',
    `Stripe could not be reached or answered with an error (${kind}); try again in a minute`,
    30,
    { cause: error },
  );
}
