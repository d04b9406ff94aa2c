/**
 * Refunds and disputes: recorded in the ledger for every Checkout Session the payment belongs to,
 * so verification answers `refunded` from then on, and the license is revoked.
 * @module
 */
import type Stripe from 'stripe';
import type { Ledger, RefundReason } from '../ledger/ledger.js';
import type { Log } from '../log.js';
import { stripeUnavailable } from '../stripe/client.js';
import { sessionRef } from './errors.js';

/** What recording a refund needs. */
export interface RefundDeps {
  readonly stripe: Stripe;
  readonly ledger: Ledger;
  readonly logger: Log;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Makes verification forget the purchase (see purchase.ts). */
  readonly forget: (sessionId: string) => void;
  /** Called for each purchase a refund or dispute was recorded for (revokes its license). */
  readonly onRevoked?: (sessionId: string, reason: RefundReason) => Promise<void>;
}

/**
 * Create `recordRefund`; see {@link Fulfilment.recordRefund}.
 * @param deps - Stripe, the ledger, and what a refund must reach
 */
export function createRecordRefund(deps: RefundDeps) {
  const { stripe, ledger, logger, now } = deps;
  return async function recordRefund(
    paymentIntentId: string,
    reason: RefundReason,
    eventId: string,
  ): Promise<string[]> {
    let sessions: Stripe.ApiList<Stripe.Checkout.Session>;
    try {
      sessions = await stripe.checkout.sessions.list({
        payment_intent: paymentIntentId,
        limit: 10,
      });
    } catch (error) {
      throw stripeUnavailable(error);
    }
    const recorded: string[] = [];
    for (const session of sessions.data) {
      await ledger.recordRefund({
        sessionId: session.id,
        reason,
        eventId,
        recordedAt: Math.floor(now() / 1000),
      });
      deps.forget(session.id);
      await deps.onRevoked?.(session.id, reason);
      recorded.push(session.id);
      logger.info('refund recorded', { session: sessionRef(session.id), reason });
    }
    return recorded;
  };
}
