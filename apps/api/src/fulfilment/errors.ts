/**
 * Why a purchase cannot be served. The codes are the API's error codes; the routes map each to an
 * HTTP status, the fulfilment code itself knows nothing of HTTP.
 * @module
 */

/** Every reason fulfilment can refuse or fail. */
export type FulfilmentErrorCode =
  | 'invalid_session_id'
  | 'invalid_platform'
  | 'invalid_email'
  | 'not_found'
  | 'payment_pending'
  | 'wrong_product'
  | 'refunded'
  | 'upstream_unavailable'
  | 'mail_unavailable'
  | 'download_unavailable'
  | 'fulfilment_in_progress'
  | 'rate_limited';

/** A refusal or an outage, with a sentence that says what the customer or operator can do. */
export class FulfilmentError extends Error {
  override readonly name = 'FulfilmentError';
  constructor(
    readonly code: FulfilmentErrorCode,
    message: string,
    /** Seconds after which trying again makes sense (pending payments, outages, rate limits). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** The refusal of something that is not a Checkout Session id (routes and fulfilment alike). */
export function invalidSessionId(): FulfilmentError {
  return new FulfilmentError(
    'invalid_session_id',
    'This is not a Stripe Checkout session id (cs_test_… or cs_live_…); use the link from your receipt or email',
  );
}

/** Whether `error` is a {@link FulfilmentError}. */
export function isFulfilmentError(error: unknown): error is FulfilmentError {
  return error instanceof FulfilmentError;
}

/** Enough of a session id to follow it in logs without being able to use it: `cs_test_a1b2…`. */
export function sessionRef(sessionId: string): string {
  return sessionId.length > 12 ? `${sessionId.slice(0, 12)}…` : `${sessionId.slice(0, 3)}…`;
}

/**
 * Mask an address for display and logs: first character, three dots, the domain.
 * @example maskEmail('jane@example.com') // 'j•••@example.com'
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
