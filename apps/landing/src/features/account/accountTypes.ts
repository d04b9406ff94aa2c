/**
 * What /account shows, as the page's own types: the account, its purchases and licenses, and the
 * outcome of each request (accountApi.ts turns every answer into one of them).
 * @module
 */
import type {
  LicenseBody,
  MachineBody,
  PaidPurchaseBody,
  RefundedPurchaseBody,
} from '@local-memory/contract';

/**
 * One download of a paid purchase; `url` is the API's own `/api/downloads/…`, checked per click.
 * The platform is the API's name for it (the downloads list leaves out any it does not know).
 */
export interface AccountDownload {
  readonly platform: string;
  readonly label: string;
  /** The ZIP's name when the API gives it; the download's own header names it anyway. */
  readonly filename: string | null;
  readonly url: string;
}

/** A machine a license is activated on (the contract's shape). */
export type Machine = MachineBody;

/** A purchase's licensing record: its seats and the machines on them (the contract's shape). */
export type License = LicenseBody;

/** A paid purchase: everything it gives, its downloads as the page links them. */
export interface PaidPurchase extends Omit<PaidPurchaseBody, 'downloads'> {
  readonly downloads: readonly AccountDownload[];
}

/** A refunded purchase: shown as refunded, offering nothing. */
export type RefundedPurchase = RefundedPurchaseBody;

export type AccountPurchase = PaidPurchase | RefundedPurchase;

/** The signed-in address and its purchases, newest first. */
export interface Account {
  readonly email: string;
  readonly purchases: readonly AccountPurchase[];
}

/**
 * `not-configured`: this deployment runs without accounts (the API answers
 * `account_not_configured`); the page then points to the key email instead.
 */
export type LinkOutcome =
  | 'accepted'
  | 'invalid'
  | 'rate-limited'
  | 'refused'
  | 'not-configured'
  | 'unreachable';

export type SessionOutcome =
  | { readonly kind: 'signed-in'; readonly email: string; readonly expiresAt: number }
  | { readonly kind: 'link-expired' }
  | { readonly kind: 'link-used' }
  | { readonly kind: 'link-unknown' }
  | { readonly kind: 'rate-limited' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'not-configured' }
  | { readonly kind: 'unreachable' };

export type AccountOutcome =
  | { readonly kind: 'account'; readonly account: Account }
  | { readonly kind: 'not-signed-in' }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'rate-limited' }
  | { readonly kind: 'not-configured' }
  | { readonly kind: 'unreachable' };

export type ReleaseOutcome =
  | { readonly kind: 'released'; readonly purchase: AccountPurchase }
  /** `nextReleaseAt`: unix seconds when the oldest release leaves the 30 days (Retry-After). */
  | { readonly kind: 'release-limit'; readonly nextReleaseAt: number | null }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-signed-in' }
  | { readonly kind: 'rate-limited' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'unreachable' };

export type SignOutOutcome = 'signed-out' | 'unreachable';
