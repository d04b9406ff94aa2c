/**
 * The storefront facts fixed at build time (the operator's details and the default edition's price), read by
 * vite-plugins/storefront.ts from the environment or Stripe and validated there.
 * @module
 */
export { operator, price } from 'virtual:storefront';
