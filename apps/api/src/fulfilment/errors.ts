/**
 * Why a purchase cannot be served. The codes are the API's error codes; the routes map each to an
 * HTTP status, the fulfilment code itself knows nothing of HTTP.
 * @module
 */
import { ApiError, type ApiErrorOptions, type FulfilmentErrorCode } from '../errors.js';

export type { FulfilmentErrorCode } from '../errors.js';

/** A refusal or an outage, with a sentence that says what the customer or operator can do. */
export class FulfilmentError extends ApiError<FulfilmentErrorCode> {
  override readonly name: string = 'FulfilmentError';
  /**
   * @param code - the machine-readable code
   * @param message - what went wrong and what to do
   * @param retryAfter - seconds after which trying again makes sense
   * @param options - the error this one explains
   */
  constructor(
    code: FulfilmentErrorCode,
    message: string,
    retryAfter?: number,
    options: Pick<ApiErrorOptions, 'cause'> = {},
  ) {
    super(code, message, { ...options, retryAfter });
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

/** The kind of an unexpected error for the log: its name and its `code` when it has one. */
export function errorKind(error: unknown): string {
  if (error instanceof Error)
    return `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}`;
  return typeof error;
}
