/**
 * Browser mode's derivations: the license key and the download links, made on the page from the
 * secret in the bundle. Imported only through this module so a server-mode build can replace it
 * (vite.config.ts swaps in browserFulfilment.server.ts) and ship none of this code.
 * @module
 */
export { downloadLinks, generateLicenseKey } from '@local-memory/download-keys';
