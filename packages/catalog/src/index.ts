/**
 * @local-memory/catalog — the products and editions every workspace reads: names, editions and
 * activation limits, where the Stripe price id is configured, downloads and install paths, the
 * activation command and the support address. See README.md, "Adding an edition".
 * @module
 */
export { activationCommand } from '@local-memory/download-keys/activation';
export {
  DOWNLOADS,
  INSTALL_PATHS,
  type InstallPlatform,
  OS_NAMES,
  PROGRAM_FILES,
  WINDOWS_INSTALL_DIR,
} from './downloads.js';
export {
  DEFAULT_EDITION,
  EDITIONS,
  type Edition,
  type EditionId,
  type EditionPrice,
  editionById,
  isEditionId,
} from './editions.js';
export { PRODUCT_COMMAND, PRODUCT_NAME, SUPPORT, type SupportAddress } from './product.js';
