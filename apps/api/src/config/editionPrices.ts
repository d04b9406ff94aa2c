/**
 * Which Stripe price sells which edition: every edition of the catalogue is read from its own
 * operator variable (`EDITIONS[id].price.variable`), so a new edition needs no change here.
 * @module
 */
import { EDITIONS, type EditionId } from '@local-memory/catalog';

/** Each edition's Stripe price id (`price_…`). */
export type EditionPrices = Readonly<Record<EditionId, string>>;

const PRICE_ID = /^price_[A-Za-z0-9]+$/;

/**
 * Read every edition's price variable, adding one line per missing or wrong variable to `problems`.
 * @param env - the variables
 * @param problems - collects what is wrong
 * @returns the prices, or undefined when any is missing or wrong
 */
export function readEditionPrices(
  env: Readonly<Record<string, string | undefined>>,
  problems: string[],
): EditionPrices | undefined {
  const prices: Partial<Record<EditionId, string>> = {};
  const editions = Object.values(EDITIONS);
  let complete = true;
  for (const edition of editions) {
    const name = edition.price.variable;
    const value = env[name]?.trim() ?? '';
    if (value === '') {
      problems.push(`${name} is not set: the Stripe price id (price_…) that sells ${edition.name}`);
      complete = false;
    } else if (!PRICE_ID.test(value)) {
      problems.push(`${name} must be a Stripe price id starting with price_`);
      complete = false;
    } else {
      prices[edition.id as EditionId] = value;
    }
  }
  const seen = new Map<string, string>();
  for (const edition of editions) {
    const value = prices[edition.id as EditionId];
    if (value === undefined) continue;
    const other = seen.get(value);
    if (other !== undefined) {
      // One price selling two editions would make the edition of a purchase a guess.
      problems.push(
        `${edition.price.variable} is the same price as ${other}: each edition needs its own Stripe price`,
      );
      complete = false;
    }
    seen.set(value, edition.price.variable);
  }
  return complete ? (prices as EditionPrices) : undefined;
}

/** A Checkout line item as far as the edition goes. */
export interface PricedItem {
  readonly price?: { readonly id: string } | null;
}

/**
 * The edition a Checkout Session sold: every line item charges the same edition's price.
 * @param prices - from the configuration
 * @param items - the session's line items
 * @returns the edition, or undefined when there are no items, an item sells no edition, or the
 *   items sell different editions (not a purchase of this product)
 */
export function editionOfItems(
  prices: EditionPrices,
  items: readonly PricedItem[],
): EditionId | undefined {
  let found: EditionId | undefined;
  for (const item of items) {
    const id = item.price?.id;
    const edition = (Object.keys(prices) as EditionId[]).find((key) => prices[key] === id);
    if (edition === undefined || (found !== undefined && found !== edition)) return undefined;
    found = edition;
  }
  return found;
}
