/**
 * The download hash that makes a window's URLs unguessable without the secret.
 * See docs/algorithms.md, "Download hashes".
 * @module
 */
import { _sha256Hex } from './_bytes.js';
import { _assertSecret } from './_checks.js';
import { assertPlatform, type Platform } from './platforms.js';
import { assertTimeWindow } from './timeWindow.js';

/** Length of a download hash in hex characters. */
export const DOWNLOAD_HASH_LENGTH = 16;

/**
 * `hex(SHA-256("{secret}:download-access:{window}:{platform}"))[0:16]`.
 * @param secret - the download secret (any non-empty string; configuration demands 32+ chars)
 * @param timeWindow - window number, see {@link timeWindowAt}
 * @param platform - one of {@link PLATFORMS}
 * @returns 16 lowercase hex characters
 * @throws {DownloadKeysTypeError | DownloadKeysRangeError} INVALID_SECRET, INVALID_WINDOW, UNKNOWN_PLATFORM
 * @example downloadHash('test-secret-key', 40648, 'macos') // '4b9e0f69ec32f39a'
 */
export function downloadHash(secret: string, timeWindow: number, platform: Platform): string {
  _assertSecret(secret);
  assertTimeWindow(timeWindow);
  assertPlatform(platform);
  return _sha256Hex(`${secret}:download-access:${timeWindow}:${platform}`).slice(
    0,
    DOWNLOAD_HASH_LENGTH,
  );
}
