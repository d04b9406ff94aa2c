// The build-time modules and constants vite-plugins/storefront.ts provides.

/** The support address buyers are told to write to (`VITE_SUPPORT_EMAIL`, or the demo default). */
declare const __SUPPORT_EMAIL__: string;

/** Each edition's Payment Link variable as `[edition id, variable]`, the default edition first. */
declare const __PAYMENT_LINKS__: readonly (readonly [string, string])[];

declare module 'virtual:storefront' {
  /** A price as shown: from the Stripe Price or its text variable; `demo` in the labelled demo. */
  export interface ShownPrice {
    readonly amountMinor: number;
    readonly currency: string;
    readonly taxBehavior: 'inclusive' | 'exclusive' | 'unspecified';
    readonly demo: boolean;
    /** The price formatted in `en-US` at build time, as the prerendered page shows it. */
    readonly text: string;
  }
  /** The default edition's price (`STRIPE_PRICE_ID` or `VITE_PRICE`). */
  export const price: ShownPrice;
  /** The operator's details the legal pages name; `demo` when they are demo values. */
  export const operator: {
    readonly legalName: string;
    readonly address: string;
    readonly refundDays: number;
    readonly supportEmail: string;
    readonly demo: boolean;
  };
  /** The public origin, e.g. `https://localmemory.co`. */
  export const siteUrl: string;
}

declare module 'virtual:plans' {
  /** One plan per edition of the catalogue, the default edition first, with its price. */
  export const plans: readonly {
    readonly id: import('@local-memory/catalog').EditionId;
    readonly name: string;
    readonly activationLimit: number;
    readonly price: import('virtual:storefront').ShownPrice;
  }[];
}

declare module 'virtual:legal-pages' {
  /** The legal pages, rendered from content/*.md at build time. */
  export const legalPages: {
    readonly terms: string;
    readonly privacy: string;
    readonly refunds: string;
  };
}
