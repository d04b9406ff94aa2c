/**
 * What each verified Stripe event makes happen. The event type decides; the session retrieved
 * fresh from Stripe decides what was paid. Throwing means "not done, deliver again" (Stripe
 * retries any non-2xx answer); returning means "done or nothing to do".
 * @module
 */
import type Stripe from 'stripe';
import { isFulfilmentError } from './errors.js';
import type { Fulfilment } from './fulfilment.js';

/** What handling an event amounted to, for the log and the tests. */
export type EventOutcome =
  | 'emailed'
  | 'already-emailed'
  | 'email-unconfirmed'
  | 'no-address'
  | 'awaiting-payment'
  | 'payment-failed'
  | 'not-fulfillable'
  | 'refund-recorded'
  | 'ignored';

/** Refusals that no redelivery will change: acknowledged so Stripe stops retrying. */
const FINAL = new Set(['not_found', 'wrong_product', 'refunded', 'invalid_session_id']);

/**
 * Handle one verified event.
 * @throws {FulfilmentError} when the work could not be done now (Stripe should retry)
 */
export async function handleStripeEvent(
  fulfilment: Fulfilment,
  event: Stripe.Event,
): Promise<EventOutcome> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = event.data.object;
      try {
        const result = await fulfilment.fulfil(session.id);
        if (result.email === 'sent') return 'emailed';
        if (result.email === 'already-sent') return 'already-emailed';
        // Acknowledged: a redelivery would only find the same unconfirmed intent.
        if (result.email === 'unconfirmed') return 'email-unconfirmed';
        return 'no-address';
      } catch (error) {
        if (isFulfilmentError(error) && error.code === 'payment_pending') return 'awaiting-payment';
        if (isFulfilmentError(error) && FINAL.has(error.code)) return 'not-fulfillable';
        throw error;
      }
    }
    case 'checkout.session.async_payment_failed':
      return 'payment-failed';
    case 'charge.refunded': {
      const charge = event.data.object;
      // A partial refund leaves the license in place; a full refund revokes it.
      if (!charge.refunded) return 'ignored';
      return recordFor(fulfilment, charge.payment_intent, 'refund', event.id);
    }
    case 'charge.dispute.created': {
      const dispute = event.data.object;
      return recordFor(fulfilment, dispute.payment_intent, 'dispute', event.id);
    }
    default:
      return 'ignored';
  }
}

async function recordFor(
  fulfilment: Fulfilment,
  intent: string | Stripe.PaymentIntent | null,
  reason: 'refund' | 'dispute',
  eventId: string,
): Promise<EventOutcome> {
  const id = typeof intent === 'string' ? intent : intent?.id;
  if (!id) return 'ignored';
  const recorded = await fulfilment.recordRefund(id, reason, eventId);
  return recorded.length > 0 ? 'refund-recorded' : 'ignored';
}
