/**
 * `GET /api/purchases/:sessionId` (the Success page) and `POST /api/purchases/resend`.
 * @module
 */
import { activationCommand, PLATFORM_CATALOGUE, PLATFORMS } from '@local-memory/download-keys';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { validator } from 'hono/validator';
import { FulfilmentError, maskEmail } from '../fulfilment/errors.js';
import type { Services } from '../services.js';
import { sessionIdParam } from './params.js';
import type { AppEnv, EntryHooks } from './types.js';

const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,255}\.[^\s@<>]{2,63}$/;

/** The purchases resource. */
export function purchasesRoutes(services: Services, hooks: EntryHooks = {}) {
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
        const byIp = services.resendPerIp.take(c.var.clientIp);
        const byAddress = services.resendPerAddress.take(email);
        if (!byIp.ok || !byAddress.ok) {
          c.var.log.info('resend rate limited', { to: maskEmail(email), byIp: !byIp.ok });
          throw new FulfilmentError(
            'rate_limited',
            'Too many requests; wait a while before asking again',
            Math.max(byIp.ok ? 0 : byIp.retryAfter, byAddress.ok ? 0 : byAddress.retryAfter),
          );
        }
        // The answer never tells whether the address bought: same body, and on a long-lived server
        // the same timing (the mail goes out after the answer); failures are only logged.
        const log = c.var.log;
        const work = fulfilment.resend(email).then(
          () => undefined,
          (error: unknown) => {
            log.error('resend failed', {
              to: maskEmail(email),
              error: error instanceof Error ? error.name : typeof error,
            });
          },
        );
        if (hooks.afterResponse) hooks.afterResponse(work);
        else await work;
        return c.json({ status: 'accepted' }, 202);
      },
    )
    .get('/:sessionId', validator('param', sessionIdParam), async (c) => {
      const { sessionId } = c.req.valid('param');
      const purchase = await fulfilment.verify(sessionId);
      // Stripe's guide: the page fulfils too, in case the webhook is late. Never blocks the key.
      await fulfilment.ensureFulfilled(sessionId);
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
      });
    });
}
