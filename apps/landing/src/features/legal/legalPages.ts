/**
 * The legal documents as HTML, rendered from content/*.md at build time
 * (vite-plugins/legalContent.ts).
 * @module
 */
export { legalPages } from 'virtual:legal-pages';
