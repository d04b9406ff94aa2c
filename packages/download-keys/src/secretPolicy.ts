/**
 * The rule every configuration entry point (app config, CLIs) applies to a production secret
 * (docs/algorithms.md, "The configured secret"). The algorithm functions themselves accept any
 * non-empty secret so the published vectors run.
 * @module
 */
import { _describe, DownloadKeysRangeError, DownloadKeysTypeError } from './errors.js';

/** Minimum length of a configured secret, in characters (Unicode code points). */
export const MIN_SECRET_LENGTH = 32;

// U+FFFD is what a UTF-8 decoder puts for invalid bytes, so rejecting it rejects an environment
// value that was not UTF-8 even where the runtime decoded it before we saw it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const FORBIDDEN = /[\u0000-\u001f\u007f\ufffd]/u;

/**
 * Check a configured secret. Never echoes the secret.
 * @param secret - value read from the environment or a file
 * @param name - where it came from, e.g. `DOWNLOAD_SECRET`, for the message
 * @returns the secret
 * @throws {DownloadKeysTypeError} INVALID_SECRET when missing
 * @throws {DownloadKeysRangeError} INVALID_SECRET when it holds a control character or U+FFFD
 * @throws {DownloadKeysRangeError} SECRET_TOO_SHORT when under 32 characters (code points)
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
  const bad = FORBIDDEN.exec(secret);
  if (bad) {
    const code = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    throw new DownloadKeysRangeError(
      'INVALID_SECRET',
      name,
      code === 'FFFD'
        ? `${name} is not valid UTF-8 text; write the secret as plain text (for example the output of: openssl rand -hex 32)`
        : `${name} contains a control character (U+${code}); remove stray line breaks, carriage returns or tabs`,
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
