/**
 * The answers the command-line tools print for `window` and `hash`: one implementation, so every
 * CLI (download-keys, download-ops, and the Go reference's same-named fields) says the same thing
 * with the same JSON field names (docs/algorithms.md, "Vocabulary").
 * @module
 */
import { downloadHash } from './downloadHash.js';
import { s3ObjectKey } from './downloadLinks.js';
import { PLATFORM_CATALOGUE, type Platform } from './platforms.js';
import {
  linkExpiresAt,
  oldestRetainedWindow,
  timeWindowAt,
  uploadWindows,
  windowBounds,
} from './timeWindow.js';

/** The window at a moment, its bounds, and what uploads, links and cleanup do then. */
export interface WindowReport {
  readonly timeWindow: number;
  /** Unix seconds, inclusive. */
  readonly windowStart: number;
  /** Unix seconds, exclusive. */
  readonly windowEnd: number;
  /** Unix seconds: when a link issued at this moment stops working. */
  readonly expiresAt: number;
  /** The windows an upload at this moment fills: the current one and the next. */
  readonly uploadWindows: readonly [number, number];
  /** Cleanup keeps this window and later ones. */
  readonly oldestRetainedWindow: number;
}

/**
 * Everything the CLIs print for `window` at one moment.
 * @param unixSeconds - the moment, Unix seconds
 * @returns the window report
 * @throws {DownloadKeysRangeError} INVALID_TIME when the moment is out of range
 * @example windowReport(1755993600).timeWindow // 40648
 */
export function windowReport(unixSeconds: number): WindowReport {
  const timeWindow = timeWindowAt(unixSeconds);
  const { windowStart, windowEnd } = windowBounds(timeWindow);
  return {
    timeWindow,
    windowStart,
    windowEnd,
    expiresAt: linkExpiresAt(unixSeconds),
    uploadWindows: uploadWindows(unixSeconds),
    oldestRetainedWindow: oldestRetainedWindow(timeWindow),
  };
}

/** One platform's download in one window. */
export interface DownloadHashReport {
  readonly timeWindow: number;
  readonly platform: Platform;
  readonly downloadHash: string;
  readonly filename: string;
  /** The object's key in the bucket, under the prefix. */
  readonly s3Key: string;
}

/**
 * Everything the CLIs print for `hash`: the download hash, file name and S3 key.
 * @param secret - the download secret
 * @param timeWindow - the window
 * @param platform - the platform
 * @param s3Prefix - the normalised key prefix (`downloads`, or `''` for none)
 * @returns the hash report
 * @throws {DownloadKeysRangeError} on a bad secret, window or platform (see downloadHash)
 * @example downloadHashReport(secret, 40648, 'linux', 'downloads').s3Key
 */
export function downloadHashReport(
  secret: string,
  timeWindow: number,
  platform: Platform,
  s3Prefix: string,
): DownloadHashReport {
  return {
    timeWindow,
    platform,
    downloadHash: downloadHash(secret, timeWindow, platform),
    filename: PLATFORM_CATALOGUE[platform].filename,
    s3Key: s3ObjectKey(secret, timeWindow, platform, s3Prefix),
  };
}
