/**
 * An edition's price variables and the read of its Stripe Price at build time (`GET
 * /v1/prices/:id`), each failure naming the variable to fix.
 * @module
 */
import { DEFAULT_EDITION, EDITIONS, type Edition, priceNames } from '@local-memory/catalog';
import { type Price, PriceError } from '../src/config/price.ts';

/** The variables an edition's price is read from. */
export interface PriceVariables {
  /** The Stripe price id (`STRIPE_PRICE_ID`, the catalogue's `price.variable`). */
  readonly id: string;
  /** The price as text, e.g. "49.00 USD", when Stripe is not read (`VITE_PRICE`). */
  readonly text: string;
}

/**
 * Where a build reads an edition's price (the catalogue's {@link priceNames}).
 * @example priceVariables(EDITIONS.standard) // { id: 'STRIPE_PRICE_ID', text: 'VITE_PRICE' }
 */
export function priceVariables(edition: Edition): PriceVariables {
  const names = priceNames(edition);
  return { id: names.variable, text: names.text };
}

const DEFAULT_VARIABLES = priceVariables(EDITIONS[DEFAULT_EDITION]);

/** What the Stripe Price endpoint answers, the fields used here. */
interface StripePrice {
  readonly active?: boolean;
  readonly unit_amount?: number | null;
  readonly currency?: string;
  readonly tax_behavior?: string | null;
  readonly type?: string;
}

/**
 * Read a Price from Stripe's REST API (`GET /v1/prices/:id`).
 * @param priceId - `price_…`
 * @param secretKey - `sk_…` or `rk_…` with read access to prices
 * @param apiBase - `https://api.stripe.com`, or a local stand-in's origin (STRIPE_API_BASE)
 * @param variables - the edition's price variables, named in errors (default edition's by default)
 * @throws {PriceError} naming the variable to fix when Stripe cannot be reached or the Price is unusable
 */
export async function fetchStripePrice(
  priceId: string,
  secretKey: string,
  apiBase: string,
  fetchImpl: typeof fetch = fetch,
  variables: PriceVariables = DEFAULT_VARIABLES,
): Promise<Price> {
  let response: Response;
  try {
    response = await fetchImpl(
      `${apiBase.replace(/\/+$/, '')}/v1/prices/${encodeURIComponent(priceId)}`,
      {
        headers: { authorization: `Bearer ${secretKey}`, 'stripe-version': '2024-06-20' },
        signal: AbortSignal.timeout(15_000),
      },
    );
  } catch (error) {
    throw new PriceError(
      variables.id,
      `could not reach Stripe at ${apiBase} to read the price (${(error as Error).message}); check the network, or build with ${variables.text} instead.`,
      { cause: error },
    );
  }
  if (response.status === 401) {
    throw new PriceError(
      'STRIPE_SECRET_KEY',
      'Stripe rejected STRIPE_SECRET_KEY (401); use a live or test secret key that can read prices.',
    );
  }
  if (response.status === 404) {
    throw new PriceError(
      variables.id,
      `Stripe has no price ${JSON.stringify(priceId)} for this key (404); copy the price id (price_…) from the product in the Dashboard.`,
    );
  }
  if (!response.ok) {
    throw new PriceError(
      variables.id,
      `Stripe answered ${response.status} reading the price; try again, or build with ${variables.text}.`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as StripePrice;
  if (body.active === false) {
    throw new PriceError(
      variables.id,
      `the Stripe price ${priceId} is archived; Checkout cannot charge it. Use an active price.`,
    );
  }
  if (
    typeof body.unit_amount !== 'number' ||
    !Number.isInteger(body.unit_amount) ||
    body.unit_amount <= 0 ||
    typeof body.currency !== 'string'
  ) {
    throw new PriceError(
      variables.id,
      `the Stripe price ${priceId} has no fixed amount (customer-chosen or tiered prices cannot be shown); use a one-time price with a fixed amount.`,
    );
  }
  const tax = body.tax_behavior;
  return {
    amountMinor: body.unit_amount,
    currency: body.currency.toUpperCase(),
    taxBehavior: tax === 'inclusive' || tax === 'exclusive' ? tax : 'unspecified',
  };
}
