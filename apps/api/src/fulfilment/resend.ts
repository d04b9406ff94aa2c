/**
 * Resend: every paid purchase made with an address emailed to that address, and only there, at
 * most ten, within the mail budget.
 * @module
 */
import type Stripe from 'stripe';
import type { Config } from '../config/config.js';
import type { Log } from '../log.js';
import type { Mailer } from '../mail/mailer.js';
import { stripeUnavailable } from '../stripe/client.js';
import { licenseEmailFor } from './delivery.js';
import { isFulfilmentError, maskEmail } from './errors.js';
import type { Purchase } from './purchase.js';

/** The mail budget a resend spends (see the services' `resendMailQuota`). */
export interface ResendQuota {
  take(): Promise<boolean>;
  giveBack(): Promise<void>;
}

const RESEND_LIMIT = 10;

/** What a resend needs. */
export interface ResendDeps {
  readonly config: Config;
  readonly stripe: Stripe;
  readonly mailer: Mailer;
  readonly logger: Log;
  /** Verification of each purchase found (see purchase.ts). */
  readonly verify: (sessionId: string) => Promise<Purchase>;
}

/**
 * Create `resend`; see {@link Fulfilment.resend}.
 * @param deps - Stripe, the mailer and verification
 */
export function createResend(deps: ResendDeps) {
  const { config, stripe, mailer, logger, verify } = deps;
  return async function resend(email: string, quota?: ResendQuota): Promise<number> {
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
        await mailer.send(address, licenseEmailFor(config, purchase));
      } catch (error) {
        await quota?.giveBack();
        throw error;
      }
      sent++;
    }
    logger.info('resend handled', { to: maskEmail(address), sent });
    return sent;
  };
}
