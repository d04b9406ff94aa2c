/**
 * Stripe-shaped JSON of what the stand-in keeps: Checkout Sessions (with `expand`), their line
 * items, payment intents and charges.
 * @module
 */
import type { StandinState } from './state.js';
import type { StandinSession } from './types.js';

/** What every money object of a session carries. */
const money = (s: StandinSession) => ({
  amount: s.unitAmount,
  currency: s.currency,
  livemode: false,
});

/** A session's charge, as Stripe shows it (`receipt_url` on the stand-in). */
export function chargeObject(
  state: StandinState,
  session: StandinSession,
): Record<string, unknown> {
  return {
    id: session.chargeId,
    object: 'charge',
    ...money(session),
    amount_captured: session.unitAmount,
    amount_refunded: session.refunded ? session.unitAmount : 0,
    captured: true,
    disputed: session.disputed,
    paid: true,
    payment_intent: session.paymentIntentId,
    refunded: session.refunded,
    receipt_url: `${state.origin}/receipts/${session.chargeId}`,
    status: 'succeeded',
    created: session.created,
  };
}

/** A session's payment intent; its latest charge as an id, or expanded. */
function intentObject(state: StandinState, s: StandinSession, expandCharge: boolean) {
  const charge = s.chargeId && expandCharge ? chargeObject(state, s) : s.chargeId;
  const status = s.paymentStatus === 'paid' ? 'succeeded' : 'processing';
  return {
    id: s.paymentIntentId,
    object: 'payment_intent',
    ...money(s),
    status,
    latest_charge: charge,
  };
}

/** The one line item of a session. */
export function lineItems(session: StandinSession): Record<string, unknown> {
  return {
    object: 'list',
    data: [
      {
        id: `li_${session.id.slice(8, 32)}`,
        object: 'item',
        amount_discount: 0,
        amount_subtotal: session.unitAmount,
        amount_tax: 0,
        amount_total: session.unitAmount,
        currency: session.currency,
        description: 'Local Memory',
        price: {
          id: session.priceId,
          object: 'price',
          active: true,
          currency: session.currency,
          livemode: false,
          product: 'prod_standin',
          type: 'one_time',
          unit_amount: session.unitAmount,
        },
        quantity: 1,
      },
    ],
    has_more: false,
    url: `/v1/checkout/sessions/${session.id}/line_items`,
  };
}

/**
 * A Checkout Session as Stripe returns it, with the expansions asked for (`payment_intent`,
 * `payment_intent.latest_charge`, `line_items`).
 * @throws Error when the stand-in has no such session
 */
export function sessionObject(
  state: StandinState,
  id: string,
  expand: readonly string[] = [],
): Record<string, unknown> {
  const session = state.sessions.get(id);
  if (!session) throw new Error(`stand-in: no session ${id}`);
  const intent =
    session.paymentIntentId === null
      ? null
      : expand.includes('payment_intent') || expand.includes('payment_intent.latest_charge')
        ? intentObject(state, session, expand.includes('payment_intent.latest_charge'))
        : session.paymentIntentId;
  return {
    id: session.id,
    object: 'checkout.session',
    allow_promotion_codes: session.allowPromotionCodes,
    automatic_tax: {
      enabled: session.automaticTax,
      liability: session.automaticTax ? { type: 'self' } : null,
      status: session.automaticTax
        ? session.status === 'complete'
          ? 'complete'
          : 'requires_location_inputs'
        : null,
    },
    billing_address_collection: session.billingAddressCollection,
    invoice_creation: {
      enabled: session.invoiceCreation,
      invoice_data: {
        account_tax_ids: null,
        custom_fields: null,
        description: null,
        footer: null,
        issuer: null,
        metadata: {},
        rendering_options: null,
      },
    },
    tax_id_collection: { enabled: session.taxIdCollection, required: 'never' },
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    amount_subtotal: session.unitAmount,
    amount_total: session.unitAmount,
    cancel_url: session.cancelUrl,
    consent_collection: session.termsConsent ? { terms_of_service: 'required' } : null,
    created: session.created,
    currency: session.currency,
    customer: null,
    customer_details: session.email
      ? {
          email: session.email,
          name: null,
          phone: null,
          address: null,
          tax_exempt: 'none',
          tax_ids: [],
        }
      : null,
    customer_email: null,
    expires_at: session.created + 86_400,
    livemode: false,
    metadata: {},
    mode: 'payment',
    payment_intent: intent,
    payment_method_types: ['card'],
    payment_status: session.paymentStatus,
    status: session.status,
    success_url: session.successUrl,
    url: session.status === 'open' ? `${state.origin}/c/pay/${session.id}` : null,
    ...(expand.includes('line_items') ? { line_items: lineItems(session) } : {}),
  };
}
