/**
 * @local-memory/download-keys — time windows, download hashes, download URLs and license keys.
 * Pure and isomorphic: no clock, no randomness, no Node or DOM APIs. See docs/algorithms.md.
 * @module
 */
export { activationCommand } from './activation.js';
export { DOWNLOAD_HASH_LENGTH, downloadHash } from './downloadHash.js';
export {
  DEFAULT_S3_PREFIX,
  type DownloadLink,
  type DownloadLinkSet,
  type DownloadLocation,
  downloadLinks,
  downloadLocation,
  downloadUrl,
  normalizeBaseUrl,
  normalizeS3Prefix,
  PRODUCTION_DOWNLOAD_BASE_URL,
  parseDownloadPath,
  s3ObjectKey,
} from './downloadLinks.js';
export {
  type DownloadKeysError,
  type DownloadKeysErrorCode,
  DownloadKeysRangeError,
  DownloadKeysTypeError,
  isDownloadKeysError,
} from './errors.js';
export {
  AMBIGUOUS_CHARACTERS,
  assertCheckoutSessionId,
  generateLicenseKey,
  isCheckoutSessionId,
  LICENSE_KEY_LENGTH,
  LICENSE_KEY_PATTERN,
  LICENSE_KEY_PROBLEM_MESSAGES,
  type LicenseKeyFormatResult,
  type LicenseKeyProblemCode,
  MAX_SESSION_ID_LENGTH,
  normalizeLicenseKey,
  validateLicenseKeyFormat,
  verifyLicenseKey,
} from './licenseKey.js';
export {
  assertPlatform,
  isPlatform,
  PLATFORM_CATALOGUE,
  PLATFORMS,
  type Platform,
  type PlatformInfo,
  platformFilename,
} from './platforms.js';
export {
  type DownloadHashReport,
  downloadHashReport,
  type WindowReport,
  windowReport,
} from './reports.js';
export { assertConfiguredSecret, MIN_SECRET_LENGTH } from './secretPolicy.js';
export {
  assertTimeWindow,
  linkExpiresAt,
  MAX_WINDOW,
  oldestRetainedWindow,
  RETAINED_PAST_WINDOWS,
  timeWindowAt,
  uploadWindows,
  WINDOW_SECONDS,
  type WindowBounds,
  windowBounds,
} from './timeWindow.js';
