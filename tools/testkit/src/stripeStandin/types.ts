/**
 * The shapes of the Stripe stand-in: what it keeps of a Checkout Session, its faults, options and
 * the handle tests hold.
 * @module
 */

/** One Checkout Session as the stand-in keeps it. */
export interface StandinSession {
  id: string;
  priceId: string;
  unitAmount: number;
  currency: string;
  created: number;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  email: string | null;
  successUrl: string;
  cancelUrl: string;
  allowPromotionCodes: boolean;
  termsConsent: boolean;
  /** `automatic_tax[enabled]` (Stripe Tax). */
  automaticTax: boolean;
  /** `tax_id_collection[enabled]`. */
  taxIdCollection: boolean;
  /** `billing_address_collection` (`auto` when not asked, as Stripe answers). */
  billingAddressCollection: 'auto' | 'required';
  /** `invoice_creation[enabled]`. */
  invoiceCreation: boolean;
  paymentIntentId: string | null;
  chargeId: string | null;
  refunded: boolean;
  disputed: boolean;
}

/** How the stand-in misbehaves, for outage tests. */
export interface StandinFault {
  /** Wait this long before answering an API request. */
  delayMs: number;
  /** `error`: answer 500 api_error; `reset`: drop the connection; `none`: behave. */
  mode: 'none' | 'error' | 'reset';
}

/** Options of `startStripeStandin`. */
export interface StandinOptions {
  /** The price every created session sells (`STRIPE_PRICE_ID` of the API under test). */
  readonly priceId: string;
  readonly unitAmount?: number;
  readonly currency?: string;
  /** Where events go, and the secret that signs them; settable later with `setWebhook`. */
  readonly webhookUrl?: string;
  readonly webhookSecret?: string;
  /** Delays before redelivering an event the API did not accept (default 1 s, 2 s, 4 s). */
  readonly webhookRetryDelaysMs?: readonly number[];
  /** "Pay later" sessions settle after this long (default 5 s); 0 means only when told. */
  readonly settleAfterMs?: number;
  readonly port?: number;
}

/** A delivered (or attempted) webhook. */
export interface StandinDelivery {
  readonly eventId: string;
  readonly type: string;
  readonly status: number;
}

/** The running stand-in. */
export interface StripeStandin {
  readonly origin: string;
  readonly port: number;
  readonly sessions: Map<string, StandinSession>;
  readonly fault: StandinFault;
  readonly deliveries: StandinDelivery[];
  /** API requests answered (for load measurements). */
  readonly requestCount: () => number;
  setWebhook(url: string, secret: string): void;
  /** Add a session directly (tests): defaults to a paid purchase of the configured price. */
  createSession(fields?: Partial<StandinSession>): StandinSession;
  /** Mark paid (creating the payment intent and charge) without sending events. */
  markPaid(id: string): StandinSession;
  /** Build a signed-ready Stripe event object for `type` around `object`. */
  event(type: string, object: unknown): { id: string; payload: string };
  /** Send an event (retried on non-2xx); resolves with the final HTTP status. */
  sendEvent(type: string, object: unknown): Promise<number>;
  /** Stripe-shaped JSON of a session, as the API returns it. */
  sessionObject(id: string, expand?: readonly string[]): Record<string, unknown>;
  chargeObject(session: StandinSession): Record<string, unknown>;
  /** Fully refund a paid session and send `charge.refunded`. */
  refund(id: string): Promise<number>;
  /** Open a dispute on a paid session and send `charge.dispute.created`. */
  dispute(id: string): Promise<number>;
  /** Settle a "pay later" session and send `checkout.session.async_payment_succeeded`. */
  settle(id: string): Promise<number>;
  close(): Promise<void>;
}
