/**
 * Webhook delivery as Stripe does it: an event around an object, signed with the endpoint secret
 * (`t=…,v1=HMAC-SHA256(t.payload)`), redelivered after each delay while the API answers non-2xx;
 * and the payment events a test or the pay page triggers (refund, dispute, settle).
 * @module
 */
import { createHmac } from 'node:crypto';
import { chargeObject, sessionObject } from './objects.js';
import { nowSeconds, randomId } from './respond.js';
import { markPaid, type StandinState } from './state.js';

/** A Stripe event object around `object`, and its id. */
export function event(type: string, object: unknown): { id: string; payload: string } {
  const id = randomId('evt_');
  const payload = JSON.stringify(
    {
      id,
      object: 'event',
      api_version: '2025-01-01',
      created: nowSeconds(),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    },
    null,
    2,
  );
  return { id, payload };
}

async function deliver(state: StandinState, id: string, type: string, payload: string) {
  const { url, secret } = state.webhook;
  if (!url || !secret) return 0;
  let status = 0;
  for (let attempt = 0; attempt <= state.retryDelays.length; attempt++) {
    const timestamp = nowSeconds();
    const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': `t=${timestamp},v1=${signature}`,
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks) local stand-in',
        },
        body: payload,
      });
      status = response.status;
      await response.arrayBuffer();
    } catch {
      status = 0;
    }
    state.deliveries.push({ eventId: id, type, status });
    if (status >= 200 && status < 300) return status;
    const delay = state.retryDelays[attempt];
    if (delay === undefined) break;
    await new Promise<void>((resolve) => state.later(delay, resolve));
  }
  return status;
}

/**
 * Send an event to the webhook (retried on non-2xx).
 * @returns the final HTTP status, 0 when no webhook is set or the API was out of reach
 */
export function sendEvent(state: StandinState, type: string, object: unknown): Promise<number> {
  const { id, payload } = event(type, object);
  return deliver(state, id, type, payload);
}

/** Fully refund a paid session and send `charge.refunded`. */
export async function refund(state: StandinState, id: string): Promise<number> {
  const session = state.sessions.get(id);
  if (!session?.chargeId) throw new Error(`stand-in: session ${id} has no charge to refund`);
  session.refunded = true;
  return sendEvent(state, 'charge.refunded', chargeObject(state, session));
}

/** Open a dispute on a paid session and send `charge.dispute.created`. */
export async function dispute(state: StandinState, id: string): Promise<number> {
  const session = state.sessions.get(id);
  if (!session?.chargeId) throw new Error(`stand-in: session ${id} has no charge to dispute`);
  session.disputed = true;
  return sendEvent(state, 'charge.dispute.created', {
    id: randomId('dp_'),
    object: 'dispute',
    amount: session.unitAmount,
    charge: session.chargeId,
    currency: session.currency,
    payment_intent: session.paymentIntentId,
    reason: 'fraudulent',
    status: 'needs_response',
  });
}

/** Settle a "pay later" session and send `checkout.session.async_payment_succeeded`. */
export async function settle(state: StandinState, id: string): Promise<number> {
  markPaid(state, id);
  return sendEvent(state, 'checkout.session.async_payment_succeeded', sessionObject(state, id));
}
