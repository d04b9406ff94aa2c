/**
 * Why an account request is refused. The codes are the API's wire codes (snake_case, the
 * contract in docs); the one `onError` maps each to its HTTP status. Nothing else here knows HTTP.
 * @module
 */

import { type AccountErrorCode, ApiError } from '../errors.js';

export type { AccountErrorCode } from '../errors.js';

/** A refusal or an outage, with a sentence that says what the buyer can do. */
export class AccountError extends ApiError<AccountErrorCode> {
  override readonly name: string = 'AccountError';
}

/** Whether `error` is an {@link AccountError}. */
export function isAccountError(error: unknown): error is AccountError {
  return error instanceof AccountError;
}

/** Stripe or the ledger could not answer: the page says so honestly, the buyer retries. */
export function accountUnavailable(cause: unknown): AccountError {
  return new AccountError(
    'unavailable',
    'Your purchases cannot be loaded right now (our payment provider or database did not answer); try again in a minute',
    { cause, retryAfter: 30 },
  );
}

/** The session is missing, unknown, expired or ended. */
export function notSignedIn(): AccountError {
  return new AccountError(
    'not_signed_in',
    'You are not signed in (or your session ended); ask for a new sign-in link with your purchase email',
  );
}
