import { _describe, DownloadKeysRangeError, DownloadKeysTypeError } from './errors.js';

/** @internal a non-empty string secret; the algorithms accept any length (vectors use 15 chars). */
export function _assertSecret(secret: unknown, argument = 'secret'): asserts secret is string {
  if (typeof secret !== 'string') {
    throw new DownloadKeysTypeError(
      'INVALID_SECRET',
      argument,
      `${argument} must be a string, got ${_describe(secret)}`,
    );
  }
  if (secret.length === 0) {
    throw new DownloadKeysRangeError('INVALID_SECRET', argument, `${argument} must not be empty`);
  }
}
