/**
 * Addresses of the legal pages, named once: the footer, the pricing page, the prerendered route
 * list and Checkout's terms-of-service consent all point at the same documents.
 * @module
 */
export const TERMS_PATH = '/terms';
export const PRIVACY_PATH = '/privacy';
export const REFUNDS_PATH = '/refunds';
