/**
 * How the stand-in answers: Stripe-shaped JSON with a `request-id`, Stripe's error envelope, and
 * Stripe-like random ids.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A Stripe-like id: `prefix` and `length` random alphanumerics. */
export const randomId = (prefix: string, length = 24) =>
  `${prefix}${[...randomBytes(length)].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('')}`;

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** JSON as Stripe sends it, with a `request-id` header. */
export function send(c: Context, status: ContentfulStatusCode, body: unknown): Response {
  return c.json(body, status, { 'request-id': randomId('req_', 14) });
}

/** Stripe's error envelope: `{ error: { type, message, code? } }`. */
export function stripeError(
  c: Context,
  status: ContentfulStatusCode,
  type: string,
  message: string,
  code?: string,
): Response {
  return send(c, status, { error: { type, message, ...(code ? { code } : {}) } });
}

/** Stripe's answer for a URL it does not serve, naming the method and path. */
export const unrecognized = (c: Context) =>
  stripeError(
    c,
    404,
    'invalid_request_error',
    `Unrecognized request URL (${c.req.method}: ${c.req.path}) on the stand-in`,
  );

/** Stripe's answer for a Checkout Session id it does not know. */
export const noSuchSession = (c: Context, id: string) =>
  stripeError(
    c,
    404,
    'invalid_request_error',
    `No such checkout.session: '${id}'`,
    'resource_missing',
  );
