/**
 * The product: its name, the program's command name and the support address customers write to.
 * @module
 */

/** How the support address is configured. */
export interface SupportAddress {
  /** The address used when the operator sets none (the landing's demo, the local stack). */
  readonly defaultEmail: string;
  /** The API's setting (required in production). */
  readonly apiVariable: string;
  /** The landing build's setting (required in a production build). */
  readonly siteVariable: string;
}

/** The support address: the default, and the operator settings that override it. */
export const SUPPORT: SupportAddress = /* @__PURE__ */ Object.freeze({
  defaultEmail: 'support@localmemory.co',
  apiVariable: 'SUPPORT_EMAIL',
  siteVariable: 'VITE_SUPPORT_EMAIL',
});

/** The product's name as buyers read it, in titles, buttons, emails and receipts. */
export const PRODUCT_NAME = 'Local Memory';

/** The program's command name: what the buyer types, and the stem of every download's files. */
export const PRODUCT_COMMAND = 'local-memory';
