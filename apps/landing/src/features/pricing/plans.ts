/**
 * The plans the pricing page offers: one per edition of the catalogue (the default edition first,
 * with its price, from the build's `virtual:plans`), each with the label and note id of its Buy
 * button. The default edition's button names the product, the others their edition.
 * @module
 */
import { plans } from 'virtual:plans';
import { type EditionId, PRODUCT_NAME } from '@local-memory/catalog';
import type { ShownPrice } from './PriceTag';

/** One plan card. */
export interface PricingPlan {
  readonly id: EditionId;
  readonly name: string;
  readonly activationLimit: number;
  readonly price: ShownPrice;
  /** What the Buy button says after "Buy". */
  readonly buyLabel: string;
  /** The id of the note under the Buy button (`buy-note` for the first plan, as before editions). */
  readonly noteId: string;
}

/** Every plan, in the catalogue's order: build-time data, derived once, not on every render. */
export const PRICING_PLANS: readonly PricingPlan[] = plans.map((edition, i) => ({
  ...edition,
  buyLabel: i === 0 ? PRODUCT_NAME : edition.name,
  noteId: i === 0 ? 'buy-note' : `buy-note-${edition.id}`,
}));
