/**
 * The per-client limit on purchase and download lookups that reach Stripe (answers from the
 * verified cache or the not-found memory cost nothing and are not counted).
 * @module
 */
import { FulfilmentError } from '../fulfilment/errors.js';
import type { Services } from '../services.js';

/**
 * The gate `verify` calls before asking Stripe for `client`.
 * @throws {FulfilmentError} rate_limited when the client used its lookups for the window
 */
export function lookupGate(services: Services, client: string): () => Promise<void> {
  return async () => {
    const limit = await services.limits.take(services.limitRules.lookupPerClient, client);
    if (!limit.ok) {
      throw new FulfilmentError(
        'rate_limited',
        'Too many purchase lookups from here; wait a few minutes and try again',
        limit.retryAfter,
      );
    }
  };
}
