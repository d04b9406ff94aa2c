/**
 * `POST /api/stripe/webhook`: the raw body and `Stripe-Signature` checked with the SDK (300 s
 * tolerance, in the past and, here, in the future) before anything else; a bad, stale, future or
 * missing signature is 400 and nothing happens. A signed event of a shape this endpoint does not
 * read is 400 `invalid_event` with the reason logged.
 * @module
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type Stripe from 'stripe';
import { RequestError } from '../errors.js';
import { handleStripeEvent } from '../fulfilment/events.js';
import type { Services } from '../services.js';
import type { AppEnv } from './types.js';
import { eventShapeProblem } from './webhookShape.js';

/** Stripe's default and largest sensible tolerance, in seconds. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The `t=` of a `Stripe-Signature` header, read as the SDK reads it (the last one counts). */
function signatureTimestamp(header: string): number {
  let timestamp = -1;
  for (const item of header.split(',')) {
    const [key, value] = item.split('=');
    if (key === 't') timestamp = Number.parseInt(value ?? '', 10);
  }
  return timestamp;
}

function firstSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\.\s|\n/)[0]?.slice(0, 200) ?? '';
}

/** The webhook resource. */
export function webhookRoutes(services: Services) {
  return new Hono<AppEnv>().post(
    '/',
    bodyLimit({
      maxSize: 512 * 1024,
      onError: () => {
        throw new RequestError('payload_too_large', 'Webhook body too large');
      },
    }),
    async (c) => {
      const signature = c.req.header('stripe-signature');
      if (!signature) {
        throw new RequestError('invalid_signature', 'Missing Stripe-Signature header');
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
      } catch (error) {
        // The SDK's first sentence says which check failed; its error also holds the body: not logged,
        // and not kept as the cause either.
        c.var.log.warn('webhook signature rejected', { reason: firstSentence(error) });
        throw new RequestError(
          'invalid_signature',
          'The Stripe-Signature header does not match this body and the endpoint secret, or is older than 5 minutes',
        );
      }
      // The SDK checks only the past; a timestamp far ahead would stay replayable until then.
      const signedAt = signatureTimestamp(signature);
      if (signedAt - services.now() / 1000 > WEBHOOK_TOLERANCE_SECONDS) {
        c.var.log.warn('webhook signature rejected', {
          reason: 'timestamp more than 300 s in the future',
        });
        throw new RequestError(
          'invalid_signature',
          'The Stripe-Signature timestamp is more than 5 minutes in the future; check the clocks',
        );
      }
      const problem = eventShapeProblem(event);
      if (problem !== null) {
        const { id, type } = event as Partial<Stripe.Event>;
        c.var.log.warn('webhook event refused', {
          eventId: typeof id === 'string' ? id.slice(0, 40) : undefined,
          type: typeof type === 'string' ? type.slice(0, 80) : undefined,
          reason: problem,
        });
        throw new RequestError(
          'invalid_event',
          `Not a Stripe event this endpoint reads: ${problem}`,
        );
      }
      const outcome = await handleStripeEvent(services.fulfilment, event);
      c.var.log.info('webhook handled', { eventId: event.id, type: event.type, outcome });
      return c.json({ received: true, outcome });
    },
  );
}
