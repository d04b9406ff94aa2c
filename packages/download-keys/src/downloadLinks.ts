/**
 * The three shapes of a download location, which end in the same four segments
 * `{timeWindow}/{downloadHash}/{platform}/{filename}`: page URL (`https://localmemory.co/downloads/…`),
 * CDN URL (`https://{cdn}/…`) and S3 key (`{prefix}/…`). See docs/algorithms.md, "URLs and S3 keys".
 * @module
 */
import { downloadHash } from './downloadHash.js';
import { _describe, DownloadKeysRangeError, DownloadKeysTypeError } from './errors.js';
import {
  assertPlatform,
  isPlatform,
  PLATFORM_CATALOGUE,
  PLATFORMS,
  type Platform,
} from './platforms.js';
import { assertTimeWindow, linkExpiresAt, timeWindowAt, windowBounds } from './timeWindow.js';

/** Base of the customer-facing download URLs in production. */
export const PRODUCTION_DOWNLOAD_BASE_URL = 'https://localmemory.co/downloads';

/** Default S3 key prefix; the CDN's origin path points at it. */
export const DEFAULT_S3_PREFIX = 'downloads';

/** The parts of a download location. */
export interface DownloadLocation {
  readonly timeWindow: number;
  readonly downloadHash: string;
  readonly platform: Platform;
  readonly filename: string;
}

/**
 * Check and normalise a download base: an absolute http(s) URL or a same-origin path starting
 * with `/`, without query or fragment. Trailing slashes are dropped.
 * @throws {DownloadKeysTypeError | DownloadKeysRangeError} INVALID_BASE_URL
 * @example normalizeBaseUrl('https://cdn.example.com/') // 'https://cdn.example.com'
 */
export function normalizeBaseUrl(baseUrl: string, argument = 'baseUrl'): string {
  if (typeof baseUrl !== 'string') {
    throw new DownloadKeysTypeError(
      'INVALID_BASE_URL',
      argument,
      `${argument} must be a string, got ${_describe(baseUrl)}`,
    );
  }
  const trimmed = baseUrl.trim().replace(/\/+$/, '');
  const fail = (why: string): never => {
    throw new DownloadKeysRangeError(
      'INVALID_BASE_URL',
      argument,
      `${argument} ${why}, got ${JSON.stringify(baseUrl.slice(0, 80))}`,
    );
  };
  if (/[?#\s]/.test(trimmed)) fail('must not contain a query, fragment or spaces');
  if (trimmed === '' || trimmed.startsWith('/')) {
    if (trimmed.startsWith('//')) fail('must not be protocol-relative');
    return trimmed;
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return fail('must be an absolute http(s) URL or a path starting with "/"');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('must use http or https');
  return trimmed;
}

/**
 * Check and normalise an S3 key prefix: letters, digits, `.`, `_`, `-` and `/` separators,
 * no empty or `..` segments. Leading and trailing slashes are dropped; `''` means the bucket root.
 * @throws {DownloadKeysTypeError | DownloadKeysRangeError} INVALID_PREFIX
 */
export function normalizeS3Prefix(prefix: string, argument = 'prefix'): string {
  if (typeof prefix !== 'string') {
    throw new DownloadKeysTypeError(
      'INVALID_PREFIX',
      argument,
      `${argument} must be a string, got ${_describe(prefix)}`,
    );
  }
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  const segments = trimmed.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || !/^[A-Za-z0-9._-]+$/.test(s))) {
    throw new DownloadKeysRangeError(
      'INVALID_PREFIX',
      argument,
      `${argument} must be segments of letters, digits, ".", "_" or "-" separated by "/", got ${JSON.stringify(prefix.slice(0, 80))}`,
    );
  }
  return trimmed;
}

/**
 * The location of one platform's download in one window.
 * @example downloadLocation('test-secret-key', 40648, 'linux').downloadHash // '15848b2649ad7344'
 */
export function downloadLocation(
  secret: string,
  timeWindow: number,
  platform: Platform,
): DownloadLocation {
  return {
    timeWindow,
    downloadHash: downloadHash(secret, timeWindow, platform),
    platform,
    filename: PLATFORM_CATALOGUE[platform].filename,
  };
}

function _tail(location: DownloadLocation): string {
  return `${location.timeWindow}/${location.downloadHash}/${location.platform}/${location.filename}`;
}

/**
 * A download URL under a base: the page URL (`https://localmemory.co/downloads`), a CDN origin
 * (`https://d123.cloudfront.net`) or a same-origin path (`/downloads`).
 * @param baseUrl - see {@link normalizeBaseUrl}
 * @example downloadUrl('https://localmemory.co/downloads', 'test-secret-key', 40648, 'linux')
 */
export function downloadUrl(
  baseUrl: string,
  secret: string,
  timeWindow: number,
  platform: Platform,
): string {
  const base = normalizeBaseUrl(baseUrl);
  return `${base}/${_tail(downloadLocation(secret, timeWindow, platform))}`;
}

/**
 * The S3 object key of a download: `{prefix}/{timeWindow}/{downloadHash}/{platform}/{filename}`
 * (just the four segments when the prefix is `''`).
 * @param prefix - key prefix, default `downloads`
 * @example s3ObjectKey('test-secret-key', 40648, 'linux') // 'downloads/40648/15848b2649ad7344/linux/local-memory-linux.zip'
 */
export function s3ObjectKey(
  secret: string,
  timeWindow: number,
  platform: Platform,
  prefix: string = DEFAULT_S3_PREFIX,
): string {
  const normalized = normalizeS3Prefix(prefix);
  const tail = _tail(downloadLocation(secret, timeWindow, platform));
  return normalized === '' ? tail : `${normalized}/${tail}`;
}

/**
 * Read a URL path or S3 key back into its parts, or `null` when it is not a download location.
 * Only the shape is checked: whether the hash is right needs the secret (see {@link downloadHash}).
 * @param path - `{timeWindow}/{downloadHash}/{platform}/{filename}`, with or without a prefix before it
 * @example parseDownloadPath('downloads/40648/15848b2649ad7344/linux/local-memory-linux.zip')
 */
export function parseDownloadPath(path: string): DownloadLocation | null {
  if (typeof path !== 'string') return null;
  const parts = path.split('/');
  if (parts.length < 4) return null;
  const [windowText, hash, platform, filename] = parts.slice(-4) as [
    string,
    string,
    string,
    string,
  ];
  if (!/^(0|[1-9][0-9]{0,11})$/.test(windowText) || !/^[0-9a-f]{16}$/.test(hash)) return null;
  if (!isPlatform(platform) || PLATFORM_CATALOGUE[platform].filename !== filename) return null;
  const timeWindow = Number(windowText);
  try {
    assertTimeWindow(timeWindow);
  } catch {
    return null;
  }
  return { timeWindow, downloadHash: hash, platform, filename };
}

/** One platform's link, ready for the UI. */
export interface DownloadLink extends DownloadLocation {
  readonly label: string;
  readonly url: string;
}

/** Every platform's link for one moment, with the times the UI needs. */
export interface DownloadLinkSet {
  readonly timeWindow: number;
  /** Unix seconds when the window rolls over and fresh links should be derived. */
  readonly refreshAt: number;
  /** Unix seconds until which these links are guaranteed to work (48 to 60 hours). */
  readonly expiresAt: number;
  readonly links: readonly DownloadLink[];
}

/**
 * All platforms' links for the moment `unixSeconds`.
 * @param options.platforms - subset and order, default {@link PLATFORMS}
 * @example downloadLinks({ secret, baseUrl: '/downloads', unixSeconds: Date.now() / 1000 })
 */
export function downloadLinks(options: {
  readonly secret: string;
  readonly baseUrl: string;
  readonly unixSeconds: number;
  readonly platforms?: readonly Platform[];
}): DownloadLinkSet {
  const base = normalizeBaseUrl(options.baseUrl, 'options.baseUrl');
  const timeWindow = timeWindowAt(options.unixSeconds);
  const platforms = options.platforms ?? PLATFORMS;
  const links = platforms.map((platform) => {
    assertPlatform(platform, 'options.platforms[]');
    const location = downloadLocation(options.secret, timeWindow, platform);
    return {
      ...location,
      label: PLATFORM_CATALOGUE[platform].label,
      url: `${base}/${_tail(location)}`,
    };
  });
  return {
    timeWindow,
    refreshAt: windowBounds(timeWindow).windowEnd,
    expiresAt: linkExpiresAt(options.unixSeconds),
    links,
  };
}
