/**
 * Fulfilment, following Stripe's guide: the Checkout Session retrieved fresh from Stripe decides
 * what was paid (purchase.ts), and one idempotent `fulfil(sessionId)` (used by the webhook and the
 * Success page) emails the license key exactly once (delivery.ts); refunds.ts and resend.ts do the
 * rest. This module wires them together. Nothing here knows about HTTP.
 * @module
 */
import type Stripe from 'stripe';
import type { Config } from '../config/config.js';
import type { Ledger, RefundReason } from '../ledger/ledger.js';
import type { Log } from '../log.js';
import type { Mailer } from '../mail/mailer.js';
import { createDelivery, type FulfilResult } from './delivery.js';
import { createVerifier, type LookupGate, type Purchase } from './purchase.js';
import { createRecordRefund } from './refunds.js';
import { createResend, type ResendQuota } from './resend.js';

/** Everything fulfilment needs; tests pass their own clock. */
export interface FulfilmentDeps {
  readonly config: Config;
  readonly stripe: Stripe;
  readonly ledger: Ledger;
  readonly mailer: Mailer;
  readonly logger: Log;
  /** Milliseconds since the epoch. */
  readonly now?: () => number;
  /** How long a verified purchase may be served without asking Stripe again (default 120 s). */
  readonly verifiedCacheMs?: number;
  /** How long an interrupted fulfilment blocks a retry (default 60 s). */
  readonly lockMs?: number;
  /** How long a delivery waits for a concurrent one of the same session (default 15 s). */
  readonly waitForConcurrentMs?: number;
  /** Called with every verified paid purchase before its email (writes its license record). */
  readonly onPaid?: (purchase: Purchase) => Promise<void>;
  /** Called for each purchase a refund or dispute was recorded for (revokes its license). */
  readonly onRevoked?: (sessionId: string, reason: RefundReason) => Promise<void>;
}

/** The fulfilment operations. */
export interface Fulfilment {
  /**
   * Ask Stripe (or the short verified cache) whether `sessionId` is a paid, unrefunded purchase
   * of the configured product.
   * @throws {FulfilmentError} invalid_session_id, not_found, payment_pending, wrong_product,
   *   refunded, upstream_unavailable
   */
  verify(sessionId: string, gate?: LookupGate): Promise<Purchase>;
  /**
   * Verify, then email the license key unless the ledger says it was sent. Safe to call any
   * number of times, concurrently too: one email per purchase.
   * @throws {FulfilmentError} as {@link verify}, and mail_unavailable, fulfilment_in_progress
   */
  fulfil(sessionId: string): Promise<FulfilResult>;
  /**
   * For the Success page: make sure the email went out (once per process per purchase), without
   * waiting for a concurrent delivery and without failing; problems are logged, the webhook's
   * retries still deliver.
   */
  ensureFulfilled(sessionId: string): Promise<void>;
  /**
   * Whether the Success page should start {@link ensureFulfilled} for `sessionId` now: not when
   * this process saw it fulfilled, deferred it after a failure, or started it in the last minute.
   * Marks it started.
   */
  claimPageFulfilment(sessionId: string): boolean;
  /**
   * Record a refund or dispute for the purchase paid by `paymentIntentId`; from then on
   * {@link verify} throws `refunded`.
   * @returns the session ids recorded (empty when no Checkout Session made that payment)
   */
  recordRefund(paymentIntentId: string, reason: RefundReason, eventId: string): Promise<string[]>;
  /**
   * Email every paid purchase made with `email` to that address, and only there.
   * @returns how many emails were sent
   */
  resend(email: string, quota?: ResendQuota): Promise<number>;
}

/** Create the fulfilment operations over the given Stripe client, ledger and mailer. */
export function createFulfilment(deps: FulfilmentDeps): Fulfilment {
  // Each part takes what it needs of these (Stripe, the ledger, the mailer, the log, the clock).
  const shared = { ...deps, now: deps.now ?? Date.now };
  const { verify, forget } = createVerifier({
    ...shared,
    verifiedCacheMs: deps.verifiedCacheMs ?? 120_000,
  });
  const verifyNow = (sessionId: string) => verify(sessionId);
  const delivery = createDelivery({
    ...shared,
    lockMs: deps.lockMs ?? 60_000,
    waitForConcurrentMs: deps.waitForConcurrentMs ?? 15_000,
    verify: verifyNow,
  });
  const recordRefund = createRecordRefund({ ...shared, forget });
  const resend = createResend({ ...shared, verify: verifyNow });
  return { verify, ...delivery, recordRefund, resend };
}
