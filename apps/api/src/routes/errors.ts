/**
 * The one error handler: every failure becomes `{ "error": { "code", "message" } }` with the
 * status its code means, `Retry-After` when waiting helps, and a log line without secrets.
 * Routes and middleware refuse by throwing an {@link ApiError}; none builds an error body itself.
 * @module
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ApiError, isApiError, type WireErrorCode } from '../errors.js';
import { isLicensingError } from '../licensing/errors.js';
import type { AppEnv } from './types.js';

/** The HTTP status of every wire code. */
export const STATUS: Readonly<Record<WireErrorCode, ContentfulStatusCode>> = {
  // how the request was made
  bad_request: 400,
  not_found: 404,
  origin_not_verified: 403,
  cross_site_request: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_signature: 400,
  invalid_event: 400,
  internal_error: 500,
  // fulfilment
  invalid_session_id: 400,
  invalid_platform: 400,
  invalid_email: 400,
  payment_pending: 409,
  wrong_product: 403,
  refunded: 410,
  upstream_unavailable: 503,
  mail_unavailable: 503,
  download_unavailable: 503,
  fulfilment_in_progress: 409,
  rate_limited: 429,
  // licensing
  invalid_request: 400,
  invalid_license_key: 400,
  invalid_lease: 400,
  license_not_found: 404,
  activation_not_found: 404,
  activation_limit: 403,
  revoked: 410,
  deactivated: 410,
  licensing_unavailable: 503,
  // account
  cross_site: 403,
  not_signed_in: 401,
  link_unknown: 404,
  link_expired: 410,
  link_used: 410,
  release_limit: 429,
  unavailable: 503,
  account_not_configured: 503,
};

function isWireCode(code: string): code is WireErrorCode {
  return Object.hasOwn(STATUS, code);
}

/** Answer an error as JSON. */
function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  body: { code: string; message: string },
  retryAfter?: number,
): Response {
  if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
  c.header('Cache-Control', 'no-store');
  return c.json({ error: body }, status);
}

/** The chain of causes as `Name: message` lines (at most four), for the log. */
function describeCause(cause: unknown): string {
  const parts: string[] = [];
  for (let c = cause, depth = 0; c !== undefined && depth < 4; depth++) {
    parts.push(c instanceof Error ? `${c.name}: ${c.message}` : String(c));
    c = c instanceof Error ? c.cause : undefined;
  }
  return parts.join(' <- ');
}

function refusal(error: ApiError & { code: WireErrorCode }, c: Context<AppEnv>): Response {
  const status = STATUS[error.code];
  if (status >= 500) {
    c.var.log?.warn('request failed', {
      code: error.code,
      // Names only: an upstream's message may echo what it was sent (an address).
      ...(error.cause instanceof Error ? { cause: error.cause.name } : {}),
    });
  }
  const details = isLicensingError(error) ? error.details : undefined;
  return errorResponse(
    c,
    status,
    { code: error.code, message: error.message, ...details },
    error.retryAfter,
  );
}

/** `app.onError`: the only place errors turn into responses. */
export function onError(error: Error, c: Context<AppEnv>): Response {
  if (isApiError(error) && isWireCode(error.code)) {
    return refusal(error as ApiError & { code: WireErrorCode }, c);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code =
      status === 413
        ? 'payload_too_large'
        : status === 415
          ? 'unsupported_media_type'
          : 'bad_request';
    return errorResponse(c, status, {
      code,
      message: error.message || 'The request could not be read',
    });
  }
  c.var.log?.error('unexpected error', {
    error: error.name,
    message: error.message,
    ...(error.cause === undefined ? {} : { cause: describeCause(error.cause) }),
  });
  return errorResponse(c, 500, {
    code: 'internal_error',
    message:
      'Something went wrong on our side; try again, and write to support if it keeps happening',
  });
}
