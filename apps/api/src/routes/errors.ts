/**
 * The one error handler: every failure becomes `{ "error": { "code", "message" } }` with the
 * status its code means, `Retry-After` when waiting helps, and a log line without secrets.
 * @module
 */
import type { ApiErrorCode } from '@local-memory/contract';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ACCOUNT_STATUS, isAccountError } from '../account/errors.js';
import { type FulfilmentErrorCode, isFulfilmentError } from '../fulfilment/errors.js';
import { isLicensingError, LICENSING_STATUS } from '../licensing/errors.js';
import type { AppEnv } from './types.js';

/** The HTTP status each fulfilment code answers with. */
export const FULFILMENT_STATUS: Readonly<Record<FulfilmentErrorCode, ContentfulStatusCode>> = {
  invalid_session_id: 400,
  invalid_platform: 400,
  invalid_email: 400,
  not_found: 404,
  payment_pending: 409,
  wrong_product: 403,
  refunded: 410,
  upstream_unavailable: 503,
  mail_unavailable: 503,
  download_unavailable: 503,
  fulfilment_in_progress: 409,
  rate_limited: 429,
};

/** Answer an error as JSON. */
export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
  retryAfter?: number,
): Response {
  if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
  c.header('Cache-Control', 'no-store');
  return c.json({ error: { code, message } }, status);
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

/** `app.onError`: the only place errors turn into responses. */
export function onError(error: Error, c: Context<AppEnv>): Response {
  if (isFulfilmentError(error)) {
    const status = FULFILMENT_STATUS[error.code];
    if (status >= 500) c.var.log?.warn('request failed', { code: error.code });
    return errorResponse(c, status, error.code, error.message, error.retryAfter);
  }
  if (isLicensingError(error)) {
    const status = LICENSING_STATUS[error.code];
    if (status >= 500) c.var.log?.warn('request failed', { code: error.code });
    if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
    c.header('Cache-Control', 'no-store');
    return c.json(
      { error: { code: error.code, message: error.message, ...error.details } },
      status,
    );
  }
  if (isAccountError(error)) {
    const status = ACCOUNT_STATUS[error.code];
    if (status >= 500) {
      c.var.log?.warn('request failed', {
        code: error.code,
        // Names only: an upstream's message may echo what it was sent (an address).
        ...(error.cause instanceof Error ? { cause: error.cause.name } : {}),
      });
    }
    return errorResponse(c, status, error.code, error.message, error.retryAfter);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code =
      status === 413
        ? 'payload_too_large'
        : status === 415
          ? 'unsupported_media_type'
          : 'bad_request';
    return errorResponse(c, status, code, error.message || 'The request could not be read');
  }
  c.var.log?.error('unexpected error', {
    error: error.name,
    message: error.message,
    ...(error.cause === undefined ? {} : { cause: describeCause(error.cause) }),
  });
  return errorResponse(
    c,
    500,
    'internal_error',
    'Something went wrong on our side; try again, and write to support if it keeps happening',
  );
}
