/**
 * Why an account request is refused. The codes are the API's wire codes (snake_case, the
 * contract in docs); the one `onError` maps each to its HTTP status. Nothing else here knows HTTP.
 * @module
 */

/** Every reason the account features refuse or fail. */
export type AccountErrorCode =
  | 'invalid_request'
  | 'cross_site'
  | 'not_signed_in'
  | 'link_unknown'
  | 'link_expired'
  | 'link_used'
  | 'not_found'
  | 'rate_limited'
  | 'release_limit'
  | 'unavailable'
  | 'account_not_configured';

/** The HTTP status each code answers with. */
export const ACCOUNT_STATUS: Readonly<
  Record<AccountErrorCode, 400 | 401 | 403 | 404 | 410 | 429 | 503>
> = {
  invalid_request: 400,
  cross_site: 403,
  not_signed_in: 401,
  link_unknown: 404,
  link_expired: 410,
  link_used: 410,
  not_found: 404,
  rate_limited: 429,
  release_limit: 429,
  unavailable: 503,
  account_not_configured: 503,
};

/** A refusal or an outage, with a sentence that says what the buyer can do. */
export class AccountError extends Error {
  override readonly name = 'AccountError';
  constructor(
    readonly code: AccountErrorCode,
    message: string,
    options?: { cause?: unknown; retryAfter?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfter = options?.retryAfter;
  }
  /** Seconds after which trying again makes sense (rate limits, outages). */
  readonly retryAfter: number | undefined;
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
