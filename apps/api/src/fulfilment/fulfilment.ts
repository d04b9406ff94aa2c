/**
 * Fulfilment, following Stripe's guide: the Checkout Session retrieved fresh from Stripe decides
 * what was paid, and one idempotent `fulfil(sessionId)` (used by the webhook and the Success page)
 * emails the license key exactly once. Nothing here knows about HTTP.
 * @module
 */
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { generateLicenseKey, isCheckoutSessionId } from '@local-memory/download-keys';
import type Stripe from 'stripe';
import type { Config } from '../config/config.js';
import type { Ledger, RefundReason } from '../ledger/ledger.js';
import type { Log } from '../log.js';
import { composeLicenseEmail } from '../mail/licenseEmail.js';
import type { Mailer } from '../mail/mailer.js';
import { isStripeMissing, stripeUnavailable } from '../stripe/client.js';
import {
  FulfilmentError,
  invalidSessionId,
  isFulfilmentError,
  maskEmail,
  sessionRef,
} from './errors.js';

/** A verified, paid, not refunded purchase of the configured product. */
export interface Purchase {
  readonly sessionId: string;
  readonly licenseKey: string;
  /** Amount paid in minor units. */
  readonly amount: number;
  /** ISO currency code, lower case as Stripe writes it. */
  readonly currency: string;
  /** Unix seconds when the Checkout Session was created. */
  readonly createdAt: number;
  /** The buyer's address as Stripe has it, or null when Stripe has none. */
  readonly email: string | null;
}

/** What {@link Fulfilment.fulfil} did. */
export interface FulfilResult {
  readonly purchase: Purchase;
  /** `sent` now, or `already-sent` earlier (the ledger says so). */
  readonly email: 'sent' | 'already-sent' | 'no-address';
}

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
}

/** The fulfilment operations. */
export interface Fulfilment {
  /**
   * Ask Stripe (or the short verified cache) whether `sessionId` is a paid, unrefunded purchase
   * of the configured product.
   * @throws {FulfilmentError} invalid_session_id, not_found, payment_pending, wrong_product,
   *   refunded, upstream_unavailable
   */
  verify(sessionId: string): Promise<Purchase>;
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
   * Record a refund or dispute for the purchase paid by `paymentIntentId`; from then on
   * {@link verify} throws `refunded`.
   * @returns the session ids recorded (empty when no Checkout Session made that payment)
   */
  recordRefund(paymentIntentId: string, reason: RefundReason, eventId: string): Promise<string[]>;
  /**
   * Email every paid purchase made with `email` to that address, and only there.
   * @returns how many emails were sent
   */
  resend(email: string): Promise<number>;
}

const CACHE_LIMIT = 5000;
const RESEND_LIMIT = 10;
/** Keep fulfilment records for five years: the ledger is the record of what was sent. */
const LEDGER_RETENTION_SECONDS = 5 * 366 * 24 * 3600;

/** Create the fulfilment operations over the given Stripe client, ledger and mailer. */
export function createFulfilment(deps: FulfilmentDeps): Fulfilment {
  const { config, stripe, ledger, mailer, logger } = deps;
  const now = deps.now ?? Date.now;
  const cacheMs = deps.verifiedCacheMs ?? 120_000;
  const lockMs = deps.lockMs ?? 60_000;
  const waitMs = deps.waitForConcurrentMs ?? 15_000;
  const verified = new Map<string, { purchase: Purchase; until: number }>();

  const idempotency = new IdempotencyConfig({
    eventKeyJmesPath: 'sessionId',
    expiresAfterSeconds: LEDGER_RETENTION_SECONDS,
    throwOnNoIdempotencyKey: true,
  });
  // Outside a Lambda invocation there is no remaining time to read; a fixed budget makes an
  // interrupted send (process killed mid-SMTP) retryable after `lockMs` instead of never.
  idempotency.registerLambdaContext({
    getRemainingTimeInMillis: () => lockMs,
  } as unknown as Parameters<IdempotencyConfig['registerLambdaContext']>[0]);

  const licenseEmailFor = (purchase: Purchase) =>
    composeLicenseEmail({
      licenseKey: purchase.licenseKey,
      sessionId: purchase.sessionId,
      siteUrl: config.siteUrl,
      supportEmail: config.supportEmail,
    });

  const sendOnce = makeIdempotent(
    async (
      _key: { sessionId: string },
      purchase: Purchase,
      report: { sent: boolean },
    ): Promise<{ messageId: string; sentAt: number }> => {
      if (purchase.email === null) throw new Error('unreachable: purchase without address');
      const { messageId } = await mailer.send(purchase.email, licenseEmailFor(purchase));
      report.sent = true;
      return { messageId, sentAt: Math.floor(now() / 1000) };
    },
    { persistenceStore: ledger.persistence(), config: idempotency, keyPrefix: 'fulfilment' },
  );

  async function verify(sessionId: string): Promise<Purchase> {
    if (!isCheckoutSessionId(sessionId)) throw invalidSessionId();
    const hit = verified.get(sessionId);
    if (hit && hit.until > now()) return hit.purchase;
    verified.delete(sessionId);

    // Ask the ledger while Stripe answers: both are needed for a paid purchase.
    const ledgerRefund = ledger.refundOf(sessionId).then(
      (record) => ({ record, error: undefined }),
      (error: unknown) => ({ record: null, error }),
    );
    let session: Stripe.Checkout.Session;
    try {
      session = await stripe.checkout.sessions.retrieve(sessionId, {
        expand: ['line_items', 'payment_intent.latest_charge'],
      });
    } catch (error) {
      if (isStripeMissing(error)) {
        throw new FulfilmentError('not_found', 'No purchase has this id');
      }
      logger.warn('stripe retrieve failed', {
        session: sessionRef(sessionId),
        error: errorKind(error),
      });
      throw stripeUnavailable(error);
    }
    const items = session.line_items?.data ?? [];
    if (items.length === 0 || items.some((item) => item.price?.id !== config.stripePriceId)) {
      throw new FulfilmentError('wrong_product', 'This checkout was not for Local Memory');
    }
    if (session.status === 'expired') {
      throw new FulfilmentError('not_found', 'This checkout expired without a payment');
    }
    if (session.payment_status !== 'paid' && session.payment_status !== 'no_payment_required') {
      throw new FulfilmentError(
        'payment_pending',
        'The payment has not arrived yet; bank transfers can take a few days',
        10,
      );
    }
    const intent = session.payment_intent;
    const charge =
      intent &&
      typeof intent === 'object' &&
      intent.latest_charge &&
      typeof intent.latest_charge === 'object'
        ? intent.latest_charge
        : null;
    const recorded = await ledgerRefund;
    if (recorded.error !== undefined) throw recorded.error;
    if (charge?.refunded || charge?.disputed || recorded.record !== null) {
      throw new FulfilmentError('refunded', 'This purchase was refunded');
    }
    const purchase: Purchase = {
      sessionId,
      licenseKey: generateLicenseKey(sessionId, config.downloadSecret),
      amount: session.amount_total ?? 0,
      currency: session.currency ?? '',
      createdAt: session.created,
      email: session.customer_details?.email ?? session.customer_email ?? null,
    };
    if (cacheMs > 0) {
      if (verified.size >= CACHE_LIMIT) {
        const oldest = verified.keys().next();
        if (!oldest.done) verified.delete(oldest.value);
      }
      verified.set(sessionId, { purchase, until: now() + cacheMs });
    }
    return purchase;
  }

  const fulfilledHere = new Set<string>();
  // After a failed attempt from the page, polls skip the mail for a minute instead of each
  // waiting out an SMTP timeout; the webhook's retries keep trying meanwhile.
  const deferredUntil = new Map<string, number>();

  async function ensureFulfilled(sessionId: string): Promise<void> {
    if (fulfilledHere.has(sessionId) || (deferredUntil.get(sessionId) ?? 0) > now()) return;
    try {
      await deliver(sessionId, false);
      deferredUntil.delete(sessionId);
    } catch (error) {
      if (deferredUntil.size >= CACHE_LIMIT) deferredUntil.clear();
      deferredUntil.set(sessionId, now() + 60_000);
      logger.warn('fulfilment from the purchase page deferred', {
        session: sessionRef(sessionId),
        code: isFulfilmentError(error) ? error.code : errorKind(error),
      });
    }
  }

  function fulfil(sessionId: string): Promise<FulfilResult> {
    return deliver(sessionId, true);
  }

  async function deliver(sessionId: string, waitForConcurrent: boolean): Promise<FulfilResult> {
    const purchase = await verify(sessionId);
    const ref = sessionRef(sessionId);
    if (purchase.email === null) {
      logger.warn('paid purchase without an email address', { session: ref });
      return { purchase, email: 'no-address' };
    }
    const deadline = now() + waitMs;
    for (;;) {
      const report = { sent: false };
      try {
        await sendOnce({ sessionId }, purchase, report);
        logger.info(report.sent ? 'license email sent' : 'license email already sent', {
          session: ref,
          to: maskEmail(purchase.email),
        });
        if (fulfilledHere.size >= CACHE_LIMIT) fulfilledHere.clear();
        fulfilledHere.add(sessionId);
        return { purchase, email: report.sent ? 'sent' : 'already-sent' };
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        if (isFulfilmentError(error)) throw error;
        if (isFulfilmentError(cause)) throw cause;
        if (error instanceof IdempotencyAlreadyInProgressError) {
          if (!waitForConcurrent || now() >= deadline) {
            throw new FulfilmentError(
              'fulfilment_in_progress',
              'Another delivery of this purchase is being handled; try again shortly',
              5,
            );
          }
          await new Promise((resolve) => setTimeout(resolve, 200));
          continue;
        }
        logger.error('fulfilment ledger failed', { session: ref, error: errorKind(error) });
        throw new FulfilmentError(
          'upstream_unavailable',
          'The fulfilment ledger could not be reached; try again in a minute',
          30,
        );
      }
    }
  }

  async function recordRefund(
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
      verified.delete(session.id);
      recorded.push(session.id);
      logger.info('refund recorded', { session: sessionRef(session.id), reason });
    }
    return recorded;
  }

  async function resend(email: string): Promise<number> {
    const address = email.trim().toLowerCase();
    let sessions: Stripe.ApiList<Stripe.Checkout.Session>;
    try {
      sessions = await stripe.checkout.sessions.list({
        customer_details: { email: address },
        status: 'complete',
        limit: 100,
      });
    } catch (error) {
      throw stripeUnavailable(error);
    }
    let sent = 0;
    for (const session of sessions.data) {
      if (sent >= RESEND_LIMIT) break;
      const owner = (session.customer_details?.email ?? '').trim().toLowerCase();
      if (owner !== address) continue;
      let purchase: Purchase;
      try {
        purchase = await verify(session.id);
      } catch (error) {
        if (isFulfilmentError(error) && error.code === 'upstream_unavailable') throw error;
        continue;
      }
      await mailer.send(address, licenseEmailFor(purchase));
      sent++;
    }
    logger.info('resend handled', { to: maskEmail(address), sent });
    return sent;
  }

  return { verify, fulfil, ensureFulfilled, recordRefund, resend };
}

function errorKind(error: unknown): string {
  if (error instanceof Error)
    return `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}`;
  return typeof error;
}
