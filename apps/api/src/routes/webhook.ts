/**
 * `POST /api/stripe/webhook`: the raw body and `Stripe-Signature` checked with the SDK (300 s
 * tolerance) before anything else; a bad, stale or missing signature is 400 and nothing happens.
 * @module
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type Stripe from 'stripe';
import { handleStripeEvent } from '../fulfilment/events.js';
import type { Services } from '../services.js';
import { errorResponse } from './errors.js';
import type { AppEnv } from './types.js';

/** Stripe's default and largest sensible tolerance, in seconds. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The webhook resource. */
export function webhookRoutes(services: Services) {
  return new Hono<AppEnv>().post(
    '/',
    bodyLimit({
      maxSize: 512 * 1024,
      onError: (c) => errorResponse(c, 413, 'payload_too_large', 'Webhook body too large'),
    }),
    async (c) => {
      const signature = c.req.header('stripe-signature');
      if (!signature) {
        return errorResponse(c, 400, 'invalid_signature', 'Missing Stripe-Signature header');
      }
      const body = Buffer.from(await c.req.arrayBuffer());
      let event: Stripe.Event;
      try {
        event = services.stripe.webhooks.constructEvent(
          body,
          signature,
          services.config.stripeWebhookSecret,
          WEBHOOK_TOLERANCE_SECONDS,
          undefined,
          // Milliseconds: the SDK divides by 1000 itself.
          services.now(),
        );
      } catch {
        c.var.log.warn('webhook signature rejected');
        return errorResponse(
          c,
          400,
          'invalid_signature',
          'The Stripe-Signature header does not match this body and the endpoint secret, or is older than 5 minutes',
        );
      }
      const outcome = await handleStripeEvent(services.fulfilment, event);
      c.var.log.info('webhook handled', { eventId: event.id, type: event.type, outcome });
      return c.json({ received: true, outcome });
    },
  );
}
