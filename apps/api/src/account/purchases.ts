/**
 * The purchases of an address, as the account page shows them, and releasing a machine from one
 * of them. Stripe is the source of truth: the Checkout Sessions listed by customer email
 * (complete, of the configured price), paid or refunded by their charge and the ledger's refund
 * records. A paid purchase carries its key, downloads and license (seats, machines, releases
 * left); a refunded one offers nothing. Nothing here knows HTTP.
 * @module
 */
import {
  activationCommand,
  generateLicenseKey,
  PLATFORM_CATALOGUE,
  PLATFORMS,
  type Platform,
} from '@local-memory/download-keys';
import type Stripe from 'stripe';
import { type EditionPrices, editionOfItems } from '../config/editionPrices.js';
import { isFulfilmentError } from '../fulfilment/errors.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Activations } from '../licensing/activations.js';
import { isLicensingError } from '../licensing/errors.js';
import type { LicenseRecords } from '../licensing/records.js';
import { AccountError, accountUnavailable } from './errors.js';
import { RELEASE_WINDOW_SECONDS, type ReleaseLogs } from './releases.js';

/** One machine holding a seat. */
export interface AccountMachine {
  readonly machine: string;
  /** The name the machine gave at activation, or null when it gave none. */
  readonly name: string | null;
  readonly platform: string;
  /** Unix seconds. */
  readonly lastSeen: number;
}

/** A license as the account page shows it. */
export interface AccountLicense {
  readonly licenseId: string;
  readonly max: number;
  readonly used: number;
  /** Releases allowed in the current 30-day window. */
  readonly releasesLeft: number;
  readonly machines: readonly AccountMachine[];
}

/** One download of a paid purchase. */
export interface AccountDownload {
  readonly platform: Platform;
  readonly label: string;
  readonly href: string;
}

/** A purchase of the address: paid (with what it grants) or refunded (nothing). */
export type AccountPurchase = {
  readonly sessionId: string;
  readonly createdAt: number;
  readonly amount: number;
  readonly currency: string;
  readonly receiptUrl: string | null;
} & (
  | {
      readonly status: 'paid';
      readonly licenseKey: string;
      readonly activationCommand: string;
      readonly downloads: readonly AccountDownload[];
      /** Null when no license record exists for the purchase. */
      readonly license: AccountLicense | null;
    }
  | { readonly status: 'refunded' }
);

/** What the listing needs. */
export interface AccountPurchasesDeps {
  readonly stripe: Stripe;
  /** Only Checkout Sessions of this price are purchases of Local Memory. */
  /** Each edition's price: sessions of other prices are not this product's purchases. */
  readonly editionPrices: EditionPrices;
  readonly downloadSecret: string;
  readonly ledger: Ledger;
  readonly records: LicenseRecords;
  readonly activations: Activations;
  readonly releaseLogs: ReleaseLogs;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}

/** At most this many Checkout Sessions are read per address (two Stripe pages). */
const MAX_SESSIONS = 200;

/** Turn the ledger's and Stripe's outage errors into the account's `unavailable`. */
async function orUnavailable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isFulfilmentError(error) || isLicensingError(error)) throw accountUnavailable(error);
    throw error;
  }
}

function notFound(): AccountError {
  return new AccountError(
    'not_found',
    'No machine of that license is among your purchases; reload the page to see your machines',
  );
}

/** Listing and releasing over Stripe and the ledger. */
export class AccountPurchases {
  constructor(private readonly deps: AccountPurchasesDeps) {}

  /**
   * Every paid or refunded purchase of `email`, newest first.
   * @param email - the normalised address (trimmed, lower case)
   * @throws {AccountError} unavailable
   */
  async list(email: string): Promise<AccountPurchase[]> {
    const sessions = await this.sessionsOf(email);
    const purchases: AccountPurchase[] = [];
    for (const session of sessions) {
      const purchase = await this.purchaseOf(session);
      if (purchase !== null) purchases.push(purchase);
    }
    return purchases.sort((a, b) => b.createdAt - a.createdAt);
  }

  /**
   * Whether `email` has at least one paid (unrefunded) purchase.
   * @throws {AccountError} unavailable
   */
  async hasPaid(email: string): Promise<boolean> {
    return (await this.list(email)).some((purchase) => purchase.status === 'paid');
  }

  /**
   * Release a machine from a license of one of `email`'s paid purchases: the seat is freed and
   * the release logged in one transaction.
   * @returns the purchase as it is afterwards
   * @throws {AccountError} not_found (not this address's license or machine), release_limit,
   *   unavailable
   */
  async release(email: string, licenseId: string, machine: string): Promise<AccountPurchase> {
    const purchase = (await this.list(email)).find(
      (p) => p.status === 'paid' && p.license?.licenseId === licenseId,
    );
    if (purchase === undefined || purchase.status !== 'paid' || purchase.license === null) {
      throw notFound();
    }
    const { activations, releaseLogs } = this.deps;
    for (let attempt = 0; attempt < 5; attempt++) {
      const log = await releaseLogs.get(licenseId);
      if (releaseLogs.left(log) === 0) {
        const oldest = log.times[0] ?? 0;
        const retryAfter = Math.max(
          1,
          oldest + RELEASE_WINDOW_SECONDS - Math.floor(this.deps.now() / 1000),
        );
        throw new AccountError(
          'release_limit',
          `This license's machines were released ${log.times.length} times in the last 30 days, the most allowed; deactivate on the machine itself, or write to support`,
          { retryAfter },
        );
      }
      const removed = await orUnavailable(() =>
        activations.remove(licenseId, machine, undefined, [releaseLogs.appendWrite(log)]),
      );
      if (removed) {
        return { ...purchase, license: await this.licenseOf(purchase.sessionId) };
      }
      // Either the machine is gone (released meanwhile) or the log changed under us: look again.
      if ((await orUnavailable(() => activations.get(licenseId, machine))) === null) {
        throw notFound();
      }
    }
    throw accountUnavailable(new Error('release contended'));
  }

  private async sessionsOf(email: string): Promise<Stripe.Checkout.Session[]> {
    const found: Stripe.Checkout.Session[] = [];
    try {
      const pages = this.deps.stripe.checkout.sessions.list({
        customer_details: { email },
        status: 'complete',
        limit: 100,
        expand: ['data.line_items', 'data.payment_intent.latest_charge'],
      });
      for await (const session of pages) {
        // Stripe's filter is Stripe's; the owner is checked here too.
        const owner = (session.customer_details?.email ?? '').trim().toLowerCase();
        if (owner === email) found.push(session);
        if (found.length >= MAX_SESSIONS) break;
      }
    } catch (error) {
      throw accountUnavailable(error);
    }
    return found;
  }

  private async purchaseOf(session: Stripe.Checkout.Session): Promise<AccountPurchase | null> {
    const items = session.line_items?.data ?? [];
    if (editionOfItems(this.deps.editionPrices, items) === undefined) {
      return null;
    }
    if (session.payment_status !== 'paid' && session.payment_status !== 'no_payment_required') {
      return null;
    }
    const intent = session.payment_intent;
    const charge =
      intent !== null &&
      typeof intent === 'object' &&
      intent.latest_charge !== null &&
      typeof intent.latest_charge === 'object'
        ? intent.latest_charge
        : null;
    const refunded =
      charge !== null &&
      (charge.refunded ||
        charge.disputed ||
        (charge.amount > 0 && charge.amount_refunded >= charge.amount));
    const recorded = await orUnavailable(() => this.deps.ledger.refundOf(session.id));
    const base = {
      sessionId: session.id,
      createdAt: session.created,
      amount: session.amount_total ?? 0,
      currency: session.currency ?? '',
      receiptUrl: charge?.receipt_url ?? null,
    };
    if (refunded || recorded !== null) return { ...base, status: 'refunded' };
    const licenseKey = generateLicenseKey(session.id, this.deps.downloadSecret);
    return {
      ...base,
      status: 'paid',
      licenseKey,
      activationCommand: activationCommand(licenseKey),
      downloads: PLATFORMS.map((platform) => ({
        platform,
        label: PLATFORM_CATALOGUE[platform].label,
        href: `/api/downloads/${session.id}/${platform}`,
      })),
      license: await this.licenseOf(session.id),
    };
  }

  private licenseOf(sessionId: string): Promise<AccountLicense | null> {
    const { records, activations, releaseLogs } = this.deps;
    return orUnavailable(async () => {
      const licenseId = await records.licenseIdOfKey(
        generateLicenseKey(sessionId, this.deps.downloadSecret),
      );
      const license = licenseId === null ? null : await records.get(licenseId);
      if (license === null) return null;
      const machines = await activations.list(license);
      const log = await releaseLogs.get(license.licenseId);
      return {
        licenseId: license.licenseId,
        max: license.limit,
        used: license.active,
        releasesLeft: releaseLogs.left(log),
        machines: machines.map((a) => ({
          machine: a.machine,
          name: a.name,
          platform: a.platform,
          lastSeen: a.lastSeen,
        })),
      };
    });
  }
}
