/**
 * What the stand-in remembers: its sessions (and which payment intent belongs to which), its
 * fault settings, the webhook target, the deliveries and its timers. Creating and paying a
 * session happen here; answering HTTP does not.
 * @module
 */
import { nowSeconds, randomId } from './respond.js';
import type { StandinDelivery, StandinFault, StandinOptions, StandinSession } from './types.js';

/** The stand-in's memory, shared by its routes. */
export interface StandinState {
  readonly priceId: string;
  readonly unitAmount: number;
  readonly currency: string;
  readonly retryDelays: readonly number[];
  readonly settleAfterMs: number;
  readonly sessions: Map<string, StandinSession>;
  /** Payment intent id → session id. */
  readonly byIntent: Map<string, string>;
  readonly fault: StandinFault;
  readonly deliveries: StandinDelivery[];
  readonly webhook: { url: string | undefined; secret: string | undefined };
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  origin: string;
  /** API requests answered. */
  requests: number;
  /** Run `fn` after `ms` unless the stand-in closes first. */
  later(ms: number, fn: () => void): void;
  clearTimers(): void;
}

/** Fresh state for `options`. */
export function createState(options: StandinOptions): StandinState {
  const timers = new Set<NodeJS.Timeout>();
  return {
    priceId: options.priceId,
    unitAmount: options.unitAmount ?? 4900,
    currency: options.currency ?? 'usd',
    retryDelays: options.webhookRetryDelaysMs ?? [1000, 2000, 4000],
    settleAfterMs: options.settleAfterMs ?? 5000,
    sessions: new Map(),
    byIntent: new Map(),
    fault: { delayMs: 0, mode: 'none' },
    deliveries: [],
    webhook: { url: options.webhookUrl, secret: options.webhookSecret },
    origin: '',
    requests: 0,
    later(ms, fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    },
    clearTimers() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/** Add a session: by default a paid purchase of the configured price. */
export function createSession(
  state: StandinState,
  fields: Partial<StandinSession> = {},
): StandinSession {
  const session: StandinSession = {
    id: randomId('cs_test_', 58),
    priceId: state.priceId,
    unitAmount: state.unitAmount,
    currency: state.currency,
    created: nowSeconds(),
    status: 'complete',
    paymentStatus: 'paid',
    email: 'buyer@example.com',
    successUrl: 'http://127.0.0.1/success?session_id={CHECKOUT_SESSION_ID}',
    cancelUrl: 'http://127.0.0.1/pricing',
    allowPromotionCodes: false,
    termsConsent: false,
    automaticTax: false,
    taxIdCollection: false,
    billingAddressCollection: 'auto',
    invoiceCreation: false,
    paymentIntentId: null,
    chargeId: null,
    refunded: false,
    disputed: false,
    ...fields,
  };
  if (session.paymentStatus === 'paid' && session.paymentIntentId === null) {
    session.paymentIntentId = randomId('pi_');
    session.chargeId = randomId('ch_');
  }
  if (session.paymentIntentId) state.byIntent.set(session.paymentIntentId, session.id);
  state.sessions.set(session.id, session);
  return session;
}

/** Mark a session paid, creating its payment intent and charge; sends no event. */
export function markPaid(state: StandinState, id: string): StandinSession {
  const session = state.sessions.get(id);
  if (!session) throw new Error(`stand-in: no session ${id}`);
  session.status = 'complete';
  session.paymentStatus = 'paid';
  session.paymentIntentId ??= randomId('pi_');
  session.chargeId ??= randomId('ch_');
  state.byIntent.set(session.paymentIntentId, session.id);
  return session;
}

/** Mark a session complete and awaiting payment ("pay later"): an intent, no charge yet. */
export function markPending(state: StandinState, session: StandinSession): void {
  session.status = 'complete';
  session.paymentIntentId = randomId('pi_');
  state.byIntent.set(session.paymentIntentId, session.id);
}
