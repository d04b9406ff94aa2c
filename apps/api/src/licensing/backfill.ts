/**
 * Backfill: license records for purchases paid before licensing existed. Lists the complete
 * Checkout Sessions from Stripe (every page), and for each paid purchase of an edition's price
 * writes its license (idempotent: a key that has one is left alone); a purchase refunded or
 * disputed (on the charge, or recorded in the ledger) gets a revoked license. Keys already sold
 * keep working, unchanged: the record is keyed by sha256 of the same key.
 * @module
 */
import { generateLicenseKey } from '@local-memory/download-keys';
import type Stripe from 'stripe';
import { type EditionPrices, editionOfItems } from '../config/editionPrices.js';
import type { Ledger } from '../ledger/ledger.js';
import { activationLimitOf } from './config.js';
import type { LicenseRecords } from './records.js';

/** What the backfill did (or, in a dry run, would do). */
export interface BackfillReport {
  /** Complete sessions listed. */
  seen: number;
  /** Licenses written (dry run: that would be written), active. */
  written: number;
  /** Revoked licenses written for refunded or disputed purchases. */
  revoked: number;
  /** Purchases that already had a license. */
  existing: number;
  /** Sessions that are not a paid purchase of an edition's price. */
  skipped: number;
  dryRun: boolean;
}

/** What the backfill needs. */
export interface BackfillDeps {
  readonly stripe: Stripe;
  readonly records: LicenseRecords;
  readonly ledger: Ledger;
  /** Each edition's price: a session of none of them is skipped. */
  readonly editionPrices: EditionPrices;
  readonly downloadSecret: string;
  /** `LICENSE_ACTIVATION_LIMIT`, for the default edition (licensing/config.ts). */
  readonly activationLimit: number;
  readonly dryRun: boolean;
  /** Called after each session with the running totals. */
  readonly onProgress?: (report: Readonly<BackfillReport>) => void;
}

/**
 * Run the backfill.
 * @returns the totals
 */
export async function backfillLicenses(deps: BackfillDeps): Promise<BackfillReport> {
  const report: BackfillReport = {
    seen: 0,
    written: 0,
    revoked: 0,
    existing: 0,
    skipped: 0,
    dryRun: deps.dryRun,
  };
  const sessions = deps.stripe.checkout.sessions.list({
    status: 'complete',
    limit: 100,
    expand: ['data.line_items', 'data.payment_intent.latest_charge'],
  });
  for await (const session of sessions) {
    report.seen++;
    const items = session.line_items?.data ?? [];
    const paid =
      session.payment_status === 'paid' || session.payment_status === 'no_payment_required';
    const edition = editionOfItems(deps.editionPrices, items);
    if (!paid || edition === undefined) {
      report.skipped++;
      deps.onProgress?.(report);
      continue;
    }
    const grant = {
      licenseKey: generateLicenseKey(session.id, deps.downloadSecret),
      edition,
      limit: activationLimitOf(deps, edition),
    };
    const intent = session.payment_intent;
    const charge =
      intent && typeof intent === 'object' && typeof intent.latest_charge === 'object'
        ? intent.latest_charge
        : null;
    const refund = await deps.ledger.refundOf(session.id);
    const reason = charge?.disputed
      ? 'dispute'
      : charge?.refunded
        ? 'refund'
        : (refund?.reason ?? null);
    if ((await deps.records.licenseIdOfKey(grant.licenseKey)) !== null) {
      report.existing++;
    } else if (deps.dryRun) {
      if (reason === null) report.written++;
      else report.revoked++;
    } else if (reason === null) {
      if ((await deps.records.issue(grant)).created) report.written++;
      else report.existing++;
    } else {
      await deps.records.revoke(grant, reason);
      report.revoked++;
    }
    deps.onProgress?.(report);
  }
  return report;
}
