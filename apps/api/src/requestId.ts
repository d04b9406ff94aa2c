/**
 * The request id every log line of a request carries: the client's `X-Request-Id` when it has a
 * safe form, else the platform's id (Lambda) or a new UUID. Answered in `X-Request-Id`.
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './routes/types.js';

/** Ids a client may choose: what tracing systems use, nothing that could forge a log field. */
export const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Middleware setting `c.var.requestId`.
 * @param fallback - the platform's id for the request, when it has one
 */
export function requestId(
  fallback: (c: Context) => string | undefined = () => undefined,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header('x-request-id');
    const id =
      given !== undefined && SAFE_REQUEST_ID.test(given)
        ? given
        : (fallback(c) ?? crypto.randomUUID());
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  };
}
