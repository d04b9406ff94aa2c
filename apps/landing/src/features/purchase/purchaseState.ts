/**
 * What the Success page shows, whichever source answers: the key, the downloads and what goes
 * with them once paid, or why not. Both sources (derivedPurchase.ts in the page, apiPurchase.ts
 * from the API) produce this one state, and the page has one render path for it.
 * @module
 */
import type { Fulfilment } from '../../config/fulfilment';
import type { PurchaseOutcome } from './purchaseApi';
import type { PurchaseDownload } from './purchaseDownloads';

/** The paid purchase as the page shows it. */
export interface PaidView {
  readonly licenseKey: string;
  readonly activationCommand: string;
  readonly downloads: { readonly links: readonly PurchaseDownload[] };
  /** Until when the links work, or that each click is checked. */
  readonly expiresText: string;
  /** How the links stay fresh; the panel's default when absent. */
  readonly refreshText?: string;
  /** The receipt, when the source knows it (the API). */
  readonly receipt: {
    readonly amount: number;
    readonly currency: string;
    readonly createdAt: number;
    readonly email: string | null;
  } | null;
  /** Where the release manifest is, when the downloads come from that store (in the page). */
  readonly releaseBaseUrl: string | null;
  /** Minutes the device clock is off, when the links use the server's time instead. */
  readonly clockSkewMs: number | null;
}

/** Every state of the page's purchase. */
export type PurchaseState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'paid'; readonly paid: PaidView }
  | Exclude<PurchaseOutcome, { readonly kind: 'paid' }>
  /** Still processing after the polling gave up: the page waits for the customer. */
  | { readonly kind: 'still-pending' };

/** A state that is neither loading nor paid: a view of its own (PurchaseRefusal.tsx). */
export type RefusalState = Exclude<PurchaseState, { readonly kind: 'loading' | 'paid' }>;

/** What a source hook answers: the state, and a way to ask again (Retry, Check again). */
export interface PurchaseAnswer {
  readonly state: PurchaseState;
  readonly retry: () => void;
}

/** Where the purchase comes from: derived in the page, or asked of the API. */
export interface PurchaseSource {
  readonly fulfilment: Fulfilment;
  /**
   * The purchase behind `sessionId` (a React hook).
   * @param sessionId - a well-formed Checkout Session id
   * @param download - the page's download configuration (the derived source needs its secret)
   */
  readonly usePurchase: (
    sessionId: string,
    download: { readonly secret: string; readonly baseUrl: string } | null,
  ) => PurchaseAnswer;
}
