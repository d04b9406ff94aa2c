/**
 * Delivery: the license key emailed once per purchase. The ledger's idempotency record (Powertools)
 * and the mail intent make concurrent and repeated calls send one email; an attempt that may have
 * sent and could not record it is never repeated blindly.
 * @module
 */
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import type { Config } from '../config/config.js';
import type { Ledger } from '../ledger/ledger.js';
import { MailIntents } from '../ledger/mailIntents.js';
import type { Log } from '../log.js';
import { composeLicenseEmail } from '../mail/licenseEmail.js';
import type { Mailer } from '../mail/mailer.js';
import { errorKind, FulfilmentError, isFulfilmentError, maskEmail, sessionRef } from './errors.js';
import { CACHE_LIMIT, type Purchase } from './purchase.js';

/** What {@link Delivery.fulfil} did. */
export interface FulfilResult {
  readonly purchase: Purchase;
  /**
   * `sent` now, or `already-sent` earlier (the ledger says so); `unconfirmed` when an earlier
   * attempt may have sent it and could not record the outcome (never resent blindly).
   */
  readonly email: 'sent' | 'already-sent' | 'unconfirmed' | 'no-address';
}

/** Keep fulfilment records for five years: the ledger is the record of what was sent. */
const LEDGER_RETENTION_SECONDS = 5 * 366 * 24 * 3600;

/** What delivery needs. */
export interface DeliveryDeps {
  readonly config: Config;
  readonly ledger: Ledger;
  readonly mailer: Mailer;
  readonly logger: Log;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** How long an interrupted fulfilment blocks a retry. */
  readonly lockMs: number;
  /** How long a delivery waits for a concurrent one of the same session. */
  readonly waitForConcurrentMs: number;
  /** Verification of the purchase (see purchase.ts). */
  readonly verify: (sessionId: string) => Promise<Purchase>;
  /** Called with every verified paid purchase before its email (writes its license record). */
  readonly onPaid?: (purchase: Purchase) => Promise<void>;
}

/** The delivery operations; see {@link Fulfilment} for each. */
export interface Delivery {
  fulfil(sessionId: string): Promise<FulfilResult>;
  ensureFulfilled(sessionId: string): Promise<void>;
  claimPageFulfilment(sessionId: string): boolean;
}

/** The license email of a purchase. */
export function licenseEmailFor(config: Config, purchase: Purchase) {
  return composeLicenseEmail({
    licenseKey: purchase.licenseKey,
    sessionId: purchase.sessionId,
    siteUrl: config.siteUrl,
    supportEmail: config.supportEmail,
  });
}

/** Create delivery over the given ledger and mailer. */
export function createDelivery(deps: DeliveryDeps): Delivery {
  const { config, ledger, mailer, logger, now, lockMs, verify } = deps;
  const waitMs = deps.waitForConcurrentMs;
  const intents = new MailIntents(ledger.client, ledger.table);

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
        ({ messageId } = await mailer.send(purchase.email, licenseEmailFor(config, purchase)));
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
          { cause: error },
        );
      }
    }
  }

  return { fulfil, ensureFulfilled, claimPageFulfilment };
}
