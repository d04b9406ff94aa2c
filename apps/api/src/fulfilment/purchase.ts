/**
 * Stripe → {@link Purchase}: the Checkout Session retrieved fresh from Stripe (or a short verified
 * cache) decides whether an id is a paid, unrefunded purchase of the configured product. One
 * Stripe request per id at a time; ids Stripe does not know are answered 404 for a minute.
 * @module
 */
import { type EditionId, PRODUCT_NAME } from '@local-memory/catalog';
import { generateLicenseKey, isCheckoutSessionId } from '@local-memory/download-keys';
import type Stripe from 'stripe';
import type { Config } from '../config/config.js';
import { editionOfItems } from '../config/editionPrices.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Log } from '../log.js';
import { isStripeMissing, stripeUnavailable } from '../stripe/client.js';
import { errorKind, FulfilmentError, invalidSessionId, sessionRef } from './errors.js';

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

/** Called before a lookup asks Stripe; throws to refuse it (a per-client limit). */
export type LookupGate = () => Promise<void>;

/** How many ids each of the process's caches holds at most. */
export const CACHE_LIMIT = 5000;
/** How long an id Stripe does not know is answered 404 without asking again. */
const MISSING_CACHE_MS = 60_000;

/** What verification needs. */
export interface VerifierDeps {
  readonly config: Config;
  readonly stripe: Stripe;
  readonly ledger: Ledger;
  readonly logger: Log;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** How long a verified purchase may be served without asking Stripe again. */
  readonly verifiedCacheMs: number;
}

/** Verification, and the one way to make it forget a purchase (after a refund). */
export interface Verifier {
  /** @throws {FulfilmentError} see {@link Fulfilment.verify} */
  verify(sessionId: string, gate?: LookupGate): Promise<Purchase>;
  /** Drop `sessionId` from the cache; a verification running meanwhile caches nothing. */
  forget(sessionId: string): void;
}

/** A Stripe lookup in flight, which lookups of the same id arriving meanwhile share. */
interface PendingLookup {
  readonly session: Promise<Stripe.Checkout.Session>;
  /** Whether the gate of the lookup that asked refused it (then the others ask on their own). */
  readonly refusedByGate: () => boolean;
}

/** Create the verifier over the given Stripe client and ledger. */
export function createVerifier(deps: VerifierDeps): Verifier {
  const { config, stripe, ledger, logger, now } = deps;
  const cacheMs = deps.verifiedCacheMs;
  const verified = new Map<string, { purchase: Purchase; until: number }>();
  const missing = new Map<string, number>();
  const inflight = new Map<string, PendingLookup>();
  // Bumped after every refund this process records: a verification that saw it change while it
  // ran does not cache its answer (the refund may have been recorded just after its ledger read).
  let refundEpoch = 0;

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
        throw new FulfilmentError('not_found', 'No purchase has this id', undefined, {
          cause: error,
        });
      }
      logger.warn('stripe retrieve failed', {
        session: sessionRef(sessionId),
        error: errorKind(error),
      });
      throw stripeUnavailable(error);
    }
  }

  /**
   * One Stripe request per id at a time. The first lookup passes its gate and asks; lookups that
   * arrive meanwhile, during its gate too, share its answer and pass no gate (only a lookup that
   * asks Stripe counts against a limit). When the gate refuses the first lookup (its client used
   * its lookups), each that shared it tries again on its own, through its own gate.
   */
  async function lookup(
    sessionId: string,
    gate: LookupGate | undefined,
    knownMissing: () => boolean,
  ): Promise<Stripe.Checkout.Session> {
    for (;;) {
      const pending = inflight.get(sessionId);
      if (pending) {
        try {
          return await pending.session;
        } catch (error) {
          if (pending.refusedByGate()) continue;
          throw error;
        }
      }
      let refusedByGate = false;
      const session = (async () => {
        try {
          await gate?.();
        } catch (error) {
          refusedByGate = true;
          throw error;
        }
        // While the gate answered, another lookup may have learnt the id is unknown.
        if (knownMissing()) throw new FulfilmentError('not_found', 'No purchase has this id');
        return retrieve(sessionId);
      })().finally(() => inflight.delete(sessionId));
      const shared: PendingLookup = { session, refusedByGate: () => refusedByGate };
      inflight.set(sessionId, shared);
      return await shared.session;
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

    const session = await lookup(sessionId, gate, knownMissing);
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

  function forget(sessionId: string): void {
    verified.delete(sessionId);
    refundEpoch++;
  }

  return { verify, forget };
}
