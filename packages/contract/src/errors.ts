/**
 * The error body every route answers a refusal or a failure with, `{ "error": { "code",
 * "message", … } }`, and the snake_case codes per resource. A client branches on `code`, never
 * on the HTTP status alone: a status can come from anything between the client and the API (a
 * CDN's 403 page), a code only from the API.
 * @module
 */
import { isRecord } from './guards.js';

/** Codes any route can answer: the app's own checks and its one error handler. */
export const REQUEST_ERROR_CODES = [
  'bad_request',
  'payload_too_large',
  'unsupported_media_type',
  'origin_not_verified',
  'not_found',
  'internal_error',
] as const;
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];

/** Purchases, downloads, checkout and the webhook (the API's fulfilment errors). */
export const FULFILMENT_ERROR_CODES = [
  'invalid_session_id',
  'invalid_platform',
  'invalid_email',
  'not_found',
  'payment_pending',
  'wrong_product',
  'refunded',
  'upstream_unavailable',
  'mail_unavailable',
  'download_unavailable',
  'fulfilment_in_progress',
  'rate_limited',
] as const;
export type FulfilmentErrorCode = (typeof FULFILMENT_ERROR_CODES)[number];

/** `/api/account/*`. */
export const ACCOUNT_ERROR_CODES = [
  'invalid_request',
  'cross_site',
  'not_signed_in',
  'link_unknown',
  'link_expired',
  'link_used',
  'not_found',
  'rate_limited',
  'release_limit',
  'unavailable',
  'account_not_configured',
] as const;
export type AccountErrorCode = (typeof ACCOUNT_ERROR_CODES)[number];

/** `/api/licenses/*` and `/.well-known/local-memory/*`. */
export const LICENSING_ERROR_CODES = [
  'invalid_request',
  'invalid_license_key',
  'invalid_lease',
  'license_not_found',
  'activation_not_found',
  'activation_limit',
  'revoked',
  'deactivated',
  'licensing_unavailable',
] as const;
export type LicensingErrorCode = (typeof LICENSING_ERROR_CODES)[number];

/** `POST /api/checkout`: a request that is not from the storefront's own pages. */
export const CHECKOUT_ERROR_CODES = ['cross_site_request'] as const;
export type CheckoutErrorCode = (typeof CHECKOUT_ERROR_CODES)[number];

/** `POST /api/stripe/webhook`: what Stripe (never a browser) can be refused with. */
export const WEBHOOK_ERROR_CODES = ['invalid_signature', 'invalid_event'] as const;
export type WebhookErrorCode = (typeof WEBHOOK_ERROR_CODES)[number];

/**
 * What `GET /api/purchases/:sessionId` can refuse with: `verify`'s codes, its rate limit, and the
 * codes of any route. (`fulfilment_in_progress` is the webhook's, never this route's.)
 */
export const PURCHASE_LOOKUP_ERROR_CODES = [
  'invalid_session_id',
  'not_found',
  'payment_pending',
  'wrong_product',
  'refunded',
  'upstream_unavailable',
  'rate_limited',
  'bad_request',
  'origin_not_verified',
  'internal_error',
] as const;
export type PurchaseLookupErrorCode = (typeof PURCHASE_LOOKUP_ERROR_CODES)[number];

/** Every code the API answers with. */
export type ApiErrorCode =
  | RequestErrorCode
  | FulfilmentErrorCode
  | AccountErrorCode
  | LicensingErrorCode
  | CheckoutErrorCode
  | WebhookErrorCode;

/**
 * Every code the API answers with, once each (for tests and tools; a function, so a bundle that
 * does not call it keeps none of the lists).
 */
export function apiErrorCodes(): readonly ApiErrorCode[] {
  return [
    ...new Set([
      ...REQUEST_ERROR_CODES,
      ...FULFILMENT_ERROR_CODES,
      ...ACCOUNT_ERROR_CODES,
      ...LICENSING_ERROR_CODES,
      ...CHECKOUT_ERROR_CODES,
      ...WEBHOOK_ERROR_CODES,
    ]),
  ];
}

/** The error body. Licensing adds members (e.g. the machines of `activation_limit`). */
export interface ErrorBody<Code extends string = ApiErrorCode> {
  readonly error: {
    readonly code: Code;
    /** A sentence for the person that says what to do. */
    readonly message: string;
    readonly [detail: string]: unknown;
  };
}

/**
 * Read an error body: its `error` when the body is the contract's error body with one of
 * `codes`, else null (an HTML page from a proxy, a code this route never answers).
 * @param body - the parsed JSON (null when it was not JSON)
 * @param codes - the codes the route answers with
 * @returns the error, or null when the body is not the contract's error for this route
 * @example readError(await response.json().catch(() => null), PURCHASE_LOOKUP_ERROR_CODES)
 */
export function readError<const Code extends string>(
  body: unknown,
  codes: readonly Code[],
): ErrorBody<Code>['error'] | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, message } = body.error;
  if (typeof message !== 'string' || !(codes as readonly unknown[]).includes(code)) return null;
  return body.error as ErrorBody<Code>['error'];
}
