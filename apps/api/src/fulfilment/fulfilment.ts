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
import { type EditionId, PRODUCT_NAME } from '@local-memory/catalog';
import { generateLicenseKey, isCheckoutSessionId } from '@local-memory/download-keys';
import type Stripe from 'stripe';
import type { Config } from '../config/config.js';
import { editionOfItems } from '../config/editionPrices.js';
import type { Ledger, RefundReason } from '../ledger/ledger.js';
import { MailIntents } from '../ledger/mailIntents.js';
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
  /** The edition the paid price sells. */
  readonly edition: EditionId;
}

/** What {@link Fulfilment.fulfil} did. */
export interface FulfilResult {
  readonly purchase: Purchase;
  /**
   * `sent` now, or `already-sent` earlier (the ledger says so); `unconfirmed` when an earlier
   * attempt may have sent it and could not record the outcome (never resent blindly).
   */
  readonly email: 'sent' | 'already-sent' | 'unconfirmed' | 'no-address';
}

/** Called before a lookup asks Stripe; throws to refuse it (a per-client limit). */
export type LookupGate = () => Promise<void>;

/** The mail budget a resend spends (see the services' `resendMailQuota`). */
export interface ResendQuota {
  take(): Promise<boolean>;
  giveBack(): Promise<void>;
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

const CACHE_LIMIT = 5000;
/** How long an id Stripe does not know is answered 404 without asking again. */
const MISSING_CACHE_MS = 60_000;
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
  const missing = new Map<string, number>();
  const inflight = new Map<string, Promise<Stripe.Checkout.Session>>();
  const intents = new MailIntents(ledger.client, ledger.table);
  // Bumped after every refund this process records: a verification that saw it change while it
  // ran does not cache its answer (the refund may have been recorded just after its ledger read).
  let refundEpoch = 0;

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
      report: { sent: boolean; unconfirmed: boolean },
    ): Promise<{ messageId: string; sentAt: number }> => {
      if (purchase.email === null) throw new Error('unreachable: purchase without address');
      const at = Math.floor(now() / 1000);
      const earlier = await intents.begin(purchase.sessionId, at);
      if (earlier.state === 'sent') return { messageId: earlier.messageId, sentAt: at };
      if (earlier.state === 'unknown') {
        // See mailIntents.ts: an attempt that may have sent is never repeated blindly.
        logger.error('license email outcome unknown', {
          session: sessionRef(purchase.sessionId),
          intentAt: earlier.intentAt,
        });
        report.unconfirmed = true;
        return { messageId: '', sentAt: at };
      }
      let messageId: string;
      try {
        ({ messageId } = await mailer.send(purchase.email, licenseEmailFor(purchase)));
      } catch (error) {
        await intents.abandon(purchase.sessionId);
        throw error;
      }
      report.sent = true;
      await intents.complete(purchase.sessionId, messageId, at).catch((error: unknown) => {
        logger.error('license email sent but its message id not recorded', {
          session: sessionRef(purchase.sessionId),
          error: errorKind(error),
        });
      });
      return { messageId, sentAt: at };
    },
    { persistenceStore: ledger.persistence(), config: idempotency, keyPrefix: 'fulfilment' },
  );

  async function retrieve(sessionId: string): Promise<Stripe.Checkout.Session> {
    try {
      return await stripe.checkout.sessions.retrieve(sessionId, {
        expand: ['line_items', 'payment_intent.latest_charge'],
      });
    } catch (error) {
      if (isStripeMissing(error)) {
        if (missing.size >= CACHE_LIMIT) {
          const oldest = missing.keys().next();
          if (!oldest.done) missing.delete(oldest.value);
        }
        missing.set(sessionId, now() + MISSING_CACHE_MS);
        throw new FulfilmentError('not_found', 'No purchase has this id');
      }
      logger.warn('stripe retrieve failed', {
        session: sessionRef(sessionId),
        error: errorKind(error),
      });
      throw stripeUnavailable(error);
    }
  }

  async function verify(sessionId: string, gate?: LookupGate): Promise<Purchase> {
    if (!isCheckoutSessionId(sessionId)) throw invalidSessionId();
    const hit = verified.get(sessionId);
    if (hit && hit.until > now()) return hit.purchase;
    verified.delete(sessionId);
    const knownMissing = () => {
      const until = missing.get(sessionId);
      if (until !== undefined && until <= now()) missing.delete(sessionId);
      return until !== undefined && until > now();
    };
    if (knownMissing()) throw new FulfilmentError('not_found', 'No purchase has this id');

    // One Stripe request per id at a time: concurrent lookups share it, and only a lookup that
    // would ask Stripe passes the gate.
    let pending = inflight.get(sessionId);
    if (!pending) {
      await gate?.();
      // While the gate answered, another lookup may have asked (or learnt the id is unknown).
      if (knownMissing()) throw new FulfilmentError('not_found', 'No purchase has this id');
      pending = inflight.get(sessionId);
      if (!pending) {
        const request = retrieve(sessionId).finally(() => inflight.delete(sessionId));
        inflight.set(sessionId, request);
        pending = request;
      }
    }
    const session = await pending;
    const items = session.line_items?.data ?? [];
    const edition = editionOfItems(config.editionPrices, items);
    if (edition === undefined) {
      throw new FulfilmentError('wrong_product', `This checkout was not for ${PRODUCT_NAME}`);
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
    if (charge?.refunded || charge?.disputed) {
      throw new FulfilmentError('refunded', 'This purchase was refunded');
    }
    // Read the refund record after Stripe answered, not beside it: a refund recorded while Stripe
    // was answering (with the charge as it was before) must win.
    const epoch = refundEpoch;
    if ((await ledger.refundOf(sessionId)) !== null) {
      throw new FulfilmentError('refunded', 'This purchase was refunded');
    }
    const purchase: Purchase = {
      sessionId,
      licenseKey: generateLicenseKey(sessionId, config.downloadSecret),
      amount: session.amount_total ?? 0,
      currency: session.currency ?? '',
      createdAt: session.created,
      email: session.customer_details?.email ?? session.customer_email ?? null,
      edition,
    };
    if (cacheMs > 0 && epoch === refundEpoch) {
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

  const pageStarted = new Map<string, number>();

  function claimPageFulfilment(sessionId: string): boolean {
    const at = now();
    if (fulfilledHere.has(sessionId) || (deferredUntil.get(sessionId) ?? 0) > at) return false;
    if ((pageStarted.get(sessionId) ?? Number.NEGATIVE_INFINITY) > at - 60_000) return false;
    if (pageStarted.size >= CACHE_LIMIT) pageStarted.clear();
    pageStarted.set(sessionId, at);
    return true;
  }

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
    // The license record exists before the key is mailed, so the key activates at once.
    await deps.onPaid?.(purchase);
    if (purchase.email === null) {
      logger.warn('paid purchase without an email address', { session: ref });
      return { purchase, email: 'no-address' };
    }
    const deadline = now() + waitMs;
    for (;;) {
      const report = { sent: false, unconfirmed: false };
      try {
        await sendOnce({ sessionId }, purchase, report);
        if (!report.unconfirmed) {
          logger.info(report.sent ? 'license email sent' : 'license email already sent', {
            session: ref,
            to: maskEmail(purchase.email),
          });
        }
        if (fulfilledHere.size >= CACHE_LIMIT) fulfilledHere.clear();
        fulfilledHere.add(sessionId);
        return {
          purchase,
          email: report.sent ? 'sent' : report.unconfirmed ? 'unconfirmed' : 'already-sent',
        };
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
      refundEpoch++;
      await deps.onRevoked?.(session.id, reason);
      recorded.push(session.id);
      logger.info('refund recorded', { session: sessionRef(session.id), reason });
    }
    return recorded;
  }

  async function resend(email: string, quota?: ResendQuota): Promise<number> {
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
      if (quota && !(await quota.take())) {
        logger.info('resend mail limit reached', { to: maskEmail(address) });
        break;
      }
      try {
        await mailer.send(address, licenseEmailFor(purchase));
      } catch (error) {
        await quota?.giveBack();
        throw error;
      }
      sent++;
    }
    logger.info('resend handled', { to: maskEmail(address), sent });
    return sent;
  }

  return { verify, fulfil, ensureFulfilled, claimPageFulfilment, recordRefund, resend };
}

function errorKind(error: unknown): string {
  if (error instanceof Error)
    return `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}`;
  return typeof error;
}
