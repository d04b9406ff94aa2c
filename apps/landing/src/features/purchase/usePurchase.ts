/**
 * The build's purchase source, chosen by `VITE_FULFILMENT` at build time: a constant the bundler
 * folds, so a browser-mode build ships no API client and a server-mode build none of the
 * derivation code (vite-plugins/serverMode.test.ts checks both bundles).
 * @module
 */
import { apiPurchase } from './apiPurchase';
import { derivedPurchase } from './derivedPurchase';
import type { PurchaseSource } from './purchaseState';

/** Server mode asks the API; browser mode derives in the page. */
export const purchaseSource: PurchaseSource =
  import.meta.env.VITE_FULFILMENT === 'server' ? apiPurchase : derivedPurchase;
