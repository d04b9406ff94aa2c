/**
 * The rule every configuration entry point (app config, CLIs) applies to a production secret.
 * The algorithm functions themselves accept any non-empty secret so the published vectors run.
 * @module
 */
import { _describe, DownloadKeysRangeError, DownloadKeysTypeError } from './errors.js';

/** Minimum length of a configured secret, in characters (Unicode code points). */
export const MIN_SECRET_LENGTH = 32;

/**
 * Check a configured secret. Never echoes the secret.
 * @param secret - value read from the environment or a file
 * @param name - where it came from, e.g. `DOWNLOAD_SECRET`, for the message
 * @returns the secret
 * @throws {DownloadKeysTypeError} INVALID_SECRET when missing
 * @throws {DownloadKeysRangeError} SECRET_TOO_SHORT when under 32 characters
 * @example assertConfiguredSecret(process.env.DOWNLOAD_SECRET, 'DOWNLOAD_SECRET')
 */
export function assertConfiguredSecret(secret: unknown, name: string): string {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new DownloadKeysTypeError(
      'INVALID_SECRET',
      name,
      `${name} is not set (got ${_describe(secret)}). Set it to the shared download secret, at least ${MIN_SECRET_LENGTH} characters; generate one with: openssl rand -hex 32`,
    );
  }
  const length = [...secret].length;
  if (length < MIN_SECRET_LENGTH) {
    throw new DownloadKeysRangeError(
      'SECRET_TOO_SHORT',
      name,
      `${name} is ${length} characters long; it must be at least ${MIN_SECRET_LENGTH}. Generate one with: openssl rand -hex 32`,
    );
  }
  return secret;
}
