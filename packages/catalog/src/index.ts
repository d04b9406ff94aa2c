/**
 * @local-memory/catalog — the products and editions every workspace reads: names, editions and
 * activation limits, where the Stripe price id is configured, and the support address. Downloads,
 * install paths and the activation command are in `@local-memory/catalog/install`. See README.md,
 * "Adding an edition".
 * @module
 */
export {
  DEFAULT_EDITION,
  demoAmountEnv,
  demoPriceEnv,
  EDITIONS,
  type Edition,
  type EditionId,
  type EditionPrice,
  editionById,
  isEditionId,
  type PriceNames,
  priceNames,
} from './editions.js';
export { type InstallPlatform, OS_NAMES } from './osNames.js';
export { PRODUCT_COMMAND, PRODUCT_NAME, SUPPORT, type SupportAddress } from './product.js';
