/**
 * `GET /api/purchases/:sessionId` (the Success page) and `POST /api/purchases/resend`.
 * @module
 */
import type { AcceptedBody, PurchaseBody } from '@local-memory/contract';
import { activationCommand, PLATFORM_CATALOGUE, PLATFORMS } from '@local-memory/download-keys';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { validator } from 'hono/validator';
import { FulfilmentError, maskEmail } from '../fulfilment/errors.js';
import type { Services } from '../services.js';
import type { Dispatch } from '../tasks/tasks.js';
import { lookupGate } from './lookupGate.js';
import { sessionIdParam } from './params.js';
import type { AppEnv } from './types.js';

const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,255}\.[^\s@<>]{2,63}$/;

/** The purchases resource. */
export function purchasesRoutes(services: Services, dispatch: Dispatch) {
  const { fulfilment } = services;
  return new Hono<AppEnv>()
    .post(
      '/resend',
      bodyLimit({
        maxSize: 4096,
        onError: () => {
          throw new FulfilmentError('invalid_email', 'Send { "email": "you@example.com" }');
        },
      }),
      validator('json', (value) => {
        const email = (value as { email?: unknown } | null)?.email;
        if (typeof email !== 'string' || email.length > 320 || !EMAIL.test(email.trim())) {
          throw new FulfilmentError(
            'invalid_email',
            'Send { "email": "you@example.com" } with the address you paid with',
          );
        }
        return { email: email.trim().toLowerCase() };
      }),
      async (c) => {
        const { email } = c.req.valid('json');
        // The request counts against the client; the address's budget counts mails sent, in the
        // task, so asking for someone else's address cannot lock them out.
        const limit = await services.limits.take(
          services.limitRules.resendPerClient,
          c.var.clientIp,
        );
        if (!limit.ok) {
          c.var.log.info('resend rate limited', { to: maskEmail(email) });
          throw new FulfilmentError(
            'rate_limited',
            'Too many requests; wait a while before asking again',
            limit.retryAfter,
          );
        }
        // The answer never tells whether the address bought: same body, and the same work before
        // it (the mail goes out in a task, after the answer, on every entry).
        await dispatch({ kind: 'resend', email, client: c.var.clientIp });
        return c.json({ status: 'accepted' } satisfies AcceptedBody, 202);
      },
    )
    .get('/:sessionId', validator('param', sessionIdParam), async (c) => {
      const { sessionId } = c.req.valid('param');
      const purchase = await fulfilment.verify(sessionId, lookupGate(services, c.var.clientIp));
      // Stripe's guide: the page fulfils too, in case the webhook is late. Beside the answer, never
      // before it: the key does not wait for SMTP, and the webhook remains the guarantee.
      if (fulfilment.claimPageFulfilment(sessionId)) {
        await dispatch({ kind: 'fulfil', sessionId }).catch((error: unknown) => {
          c.var.log.warn('fulfilment from the purchase page not dispatched', {
            error: error instanceof Error ? error.name : typeof error,
          });
        });
      }
      return c.json({
        sessionId,
        licenseKey: purchase.licenseKey,
        activationCommand: activationCommand(purchase.licenseKey),
        amount: purchase.amount,
        currency: purchase.currency,
        createdAt: purchase.createdAt,
        email: purchase.email === null ? null : maskEmail(purchase.email),
        refunded: false,
        downloads: PLATFORMS.map((platform) => ({
          platform,
          filename: PLATFORM_CATALOGUE[platform].filename,
          url: `/api/downloads/${sessionId}/${platform}`,
        })),
      } satisfies PurchaseBody);
    });
}
