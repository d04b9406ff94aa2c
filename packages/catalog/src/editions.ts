/**
 * The editions a buyer can own: what each grants, on how many machines, and which operator
 * variable holds the Stripe price that sells it.
 * @module
 */
import { PRODUCT_NAME } from './product.js';

/** Where an edition's Stripe price id comes from. */
export interface EditionPrice {
  /**
   * The operator variable that holds the live price id (`price_…`), `STRIPE_…PRICE_ID`: the API
   * reads it at start, the landing build reads the amount from it (or from the same name with
   * `VITE_` and no `_ID`, e.g. `VITE_PRICE`), infra takes it as the context value of the same
   * name in camelCase (`stripePriceId`).
   */
  readonly variable: string;
  /** The price id the local stack's Stripe stand-in sells; never a real Stripe price. */
  readonly demoPriceId: string;
  /** The amount the labelled demo shows, e.g. "49.00 USD"; never charged. */
  readonly demoAmount: string;
}

/** One edition of the product. */
export interface Edition {
  /** The id written into license records and leases (`edn`). */
  readonly id: string;
  /** The name a buyer reads. */
  readonly name: string;
  /** Machines one license may activate at once, at least 1 (`LICENSE_ACTIVATION_LIMIT` may override). */
  readonly activationLimit: number;
  /** What a lease for this edition grants (`ent`). */
  readonly entitlements: readonly string[];
  /** How long updates last after activation, in seconds; null for no limit (`upd`). */
  readonly updatesForSeconds: number | null;
  readonly price: EditionPrice;
}

const EDITION_TABLE = {
  standard: /* @__PURE__ */ Object.freeze({
    id: 'standard',
    name: `${PRODUCT_NAME} license`,
    activationLimit: 3,
    entitlements: /* @__PURE__ */ Object.freeze(['app', 'updates']),
    updatesForSeconds: null,
    price: /* @__PURE__ */ Object.freeze({
      variable: 'STRIPE_PRICE_ID',
      demoPriceId: 'price_localStandinTestOnly',
      demoAmount: '49.00 USD',
    }),
  }),
} satisfies Record<string, Edition>;

/** An edition id. */
export type EditionId = keyof typeof EDITION_TABLE;

/** Every edition, keyed by id. */
export const EDITIONS: Readonly<Record<EditionId, Edition>> =
  /* @__PURE__ */ Object.freeze(EDITION_TABLE);

/** The edition every current price sells, and what a record without an edition means. */
export const DEFAULT_EDITION: EditionId = 'standard';

/**
 * Whether `value` names an edition of the catalogue.
 * @param value - anything, e.g. a license record's `edition`
 * @returns true for a key of {@link EDITIONS}
 * @example isEditionId('standard') // true
 */
export function isEditionId(value: unknown): value is EditionId {
  return typeof value === 'string' && Object.hasOwn(EDITIONS, value);
}

/**
 * The edition with id `id`.
 * @param id - an edition id, e.g. from a license record
 * @returns the edition
 * @throws {TypeError} when `id` is not a string
 * @throws {RangeError} when no edition has that id (the message lists the known ids)
 * @example editionById('standard').activationLimit // 3
 */
export function editionById(id: unknown): Edition {
  if (typeof id !== 'string') throw new TypeError(`edition must be a string, got ${typeof id}`);
  if (!isEditionId(id)) {
    throw new RangeError(
      `edition must be one of ${Object.keys(EDITIONS).join(', ')}, got ${JSON.stringify(id.slice(0, 40))}`,
    );
  }
  return EDITIONS[id];
}

/**
 * Every edition's price variable set to its demo price: the API's environment in the local stack
 * and in tests, against the Stripe stand-in (never a real Stripe account).
 * @returns e.g. `{ STRIPE_PRICE_ID: 'price_localStandinTestOnly' }`
 * @example demoPriceEnv().STRIPE_PRICE_ID // 'price_localStandinTestOnly'
 */
export function demoPriceEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.values(EDITIONS).map((edition) => [edition.price.variable, edition.price.demoPriceId]),
  );
}

/** The names every workspace derives from an edition's price variable. */
export interface PriceNames {
  /** The API's variable, also the landing build's Stripe price id: `STRIPE_PRICE_ID`. */
  readonly variable: string;
  /** The landing build's price as text, when Stripe is not read: `VITE_PRICE`, `VITE_PRO_PRICE`. */
  readonly text: string;
  /** The landing's Payment Link (browser mode): `VITE_STRIPE_PAYMENT_LINK`, `VITE_STRIPE_PRO_PAYMENT_LINK`. */
  readonly paymentLink: string;
  /** Infra's context key, the variable in camelCase: `stripePriceId`, `stripeProPriceId`. */
  readonly context: string;
}

/**
 * The names an edition's price goes by in the API, the landing build and infra, all derived from
 * its `price.variable` (`STRIPE_…PRICE_ID`), so a new edition needs no names anywhere else.
 * @param edition - an edition of {@link EDITIONS}
 * @returns its names
 * @example priceNames(EDITIONS.standard).text // 'VITE_PRICE'
 */
export function priceNames(edition: Edition): PriceNames {
  const variable = edition.price.variable;
  return {
    variable,
    text: variable.replace(/^STRIPE_/, 'VITE_').replace(/_ID$/, ''),
    paymentLink: `VITE_${variable.replace(/PRICE_ID$/, 'PAYMENT_LINK')}`,
    context: variable
      .toLowerCase()
      .replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()),
  };
}

/**
 * Every edition's text price variable set to its demo amount: the prices of a production build of
 * the landing that does not read Stripe, in tests and local runs.
 * @returns e.g. `{ VITE_PRICE: '49.00 USD' }`
 */
export function demoAmountEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.values(EDITIONS).map((edition) => [priceNames(edition).text, edition.price.demoAmount]),
  );
}
