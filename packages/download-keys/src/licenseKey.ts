/**
 * License keys: derived from a Stripe Checkout session id and the secret, validated by format
 * anywhere, verified cryptographically only where the session id and secret are known.
 * See docs/algorithms.md, "License keys".
 * @module
 */
import { _sha256Hex } from './_bytes.js';
import { _assertSecret } from './_checks.js';
import { _describe, DownloadKeysRangeError, DownloadKeysTypeError } from './errors.js';

/** Length of a license key, `LM-XXXX-XXXX-XXXX-XXXX-XXXX`. */
export const LICENSE_KEY_LENGTH = 27;

/** The format the product binary checks. */
export const LICENSE_KEY_PATTERN = /^LM-[A-Z2-469]{4}(?:-[A-Z2-469]{4}){4}$/;

/** Characters a key never contains (they read too much like others). */
export const AMBIGUOUS_CHARACTERS = '01OI578';

/** Longest accepted Stripe Checkout session id (Stripe object ids are at most 255 characters). */
export const MAX_SESSION_ID_LENGTH = 255;

const SESSION_ID_PATTERN = /^cs_(?:test|live)_[A-Za-z0-9]+$/;
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '0': 'A',
  '1': 'B',
  O: 'C',
  I: 'D',
  '5': 'E',
  '7': 'F',
  '8': 'G',
};

/**
 * Whether `value` looks like a Stripe Checkout session id: `cs_test_…` or `cs_live_…`
 * followed by letters and digits, at most 255 characters.
 */
export function isCheckoutSessionId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= MAX_SESSION_ID_LENGTH &&
    SESSION_ID_PATTERN.test(value)
  );
}

/**
 * Check that `value` is a Stripe Checkout session id.
 * @throws {DownloadKeysTypeError | DownloadKeysRangeError} INVALID_SESSION_ID
 */
export function assertCheckoutSessionId(
  value: unknown,
  argument = 'sessionId',
): asserts value is string {
  if (typeof value !== 'string') {
    throw new DownloadKeysTypeError(
      'INVALID_SESSION_ID',
      argument,
      `${argument} must be a string, got ${_describe(value)}`,
    );
  }
  if (value.length > MAX_SESSION_ID_LENGTH) {
    throw new DownloadKeysRangeError(
      'INVALID_SESSION_ID',
      argument,
      `${argument} is ${value.length} characters long; Stripe Checkout session ids have at most ${MAX_SESSION_ID_LENGTH}`,
    );
  }
  if (!SESSION_ID_PATTERN.test(value)) {
    throw new DownloadKeysRangeError(
      'INVALID_SESSION_ID',
      argument,
      `${argument} must be a Stripe Checkout session id ("cs_test_…" or "cs_live_…" followed by letters and digits)`,
    );
  }
}

/**
 * Derive the license key for a purchase.
 * @param sessionId - Stripe Checkout session id (`cs_test_…` / `cs_live_…`)
 * @param secret - the license secret (any non-empty string; configuration demands 32+ chars)
 * @returns a 27-character key such as `LM-EB2B-6DAD-E6BB-93FE-C9D2`
 * @throws {DownloadKeysTypeError | DownloadKeysRangeError} INVALID_SESSION_ID, INVALID_SECRET
 * @example generateLicenseKey('cs_test_12345', 'test-secret-key') // 'LM-EB2B-6DAD-E6BB-93FE-C9D2'
 */
export function generateLicenseKey(sessionId: string, secret: string): string {
  assertCheckoutSessionId(sessionId);
  _assertSecret(secret);
  const b = _sha256Hex(`${sessionId}-${secret}`);
  const checksum = _sha256Hex(b.slice(0, 20)).slice(0, 4);
  const raw = `LM-${b.slice(0, 4)}-${b.slice(4, 8)}-${b.slice(8, 12)}-${b.slice(12, 16)}-${checksum}`;
  return raw.toUpperCase().replace(/[01OI578]/g, (c) => REPLACEMENTS[c] ?? c);
}

/** Why a string is not a well-formed key. */
export type LicenseKeyProblemCode =
  | 'EMPTY'
  | 'WRONG_LENGTH'
  | 'MISSING_PREFIX'
  | 'WRONG_GROUPS'
  | 'LOWERCASE'
  | 'AMBIGUOUS_CHARACTER'
  | 'INVALID_CHARACTER';

/** A sentence for people for each {@link LicenseKeyProblemCode}. */
export const LICENSE_KEY_PROBLEM_MESSAGES: Readonly<Record<LicenseKeyProblemCode, string>> =
  Object.freeze({
    EMPTY: 'The key is empty.',
    WRONG_LENGTH: `A key has ${LICENSE_KEY_LENGTH} characters.`,
    MISSING_PREFIX: 'A key starts with "LM-".',
    WRONG_GROUPS: 'A key is "LM" and five groups of four characters, separated by "-".',
    LOWERCASE: 'A key is written in capital letters.',
    AMBIGUOUS_CHARACTER: `A key never contains ${AMBIGUOUS_CHARACTERS.split('').join(' ')}.`,
    INVALID_CHARACTER: 'A key contains only capital letters, digits and "-".',
  });

/** Result of {@link validateLicenseKeyFormat}. */
export interface LicenseKeyFormatResult {
  readonly valid: boolean;
  /** Empty when valid; otherwise every problem found, in a fixed order (see {@link LICENSE_KEY_PROBLEM_MESSAGES}). */
  readonly problems: readonly LicenseKeyProblemCode[];
}

/**
 * Check a key's format (all that can be checked without the session id and secret).
 * Checks the text exactly as given; pass customer input through {@link normalizeLicenseKey} first.
 * @param licenseKey - the key to check
 * @returns `valid` and every problem found
 * @throws {DownloadKeysTypeError} INVALID_LICENSE_KEY when `licenseKey` is not a string
 * @example validateLicenseKeyFormat('LM-EB2B-6DAD-E6BB-C9D2').problems // ['WRONG_LENGTH', 'WRONG_GROUPS']
 */
export function validateLicenseKeyFormat(licenseKey: string): LicenseKeyFormatResult {
  if (typeof licenseKey !== 'string') {
    throw new DownloadKeysTypeError(
      'INVALID_LICENSE_KEY',
      'licenseKey',
      `licenseKey must be a string, got ${_describe(licenseKey)}`,
    );
  }
  if (licenseKey.length === 0) return { valid: false, problems: ['EMPTY'] };
  const problems: LicenseKeyProblemCode[] = [];
  // Lengths are UTF-16 units, as the Go reference measures them too.
  if (licenseKey.length !== LICENSE_KEY_LENGTH) problems.push('WRONG_LENGTH');
  if (!licenseKey.startsWith('LM-')) problems.push('MISSING_PREFIX');
  const groups = licenseKey.split('-');
  if (groups.length !== 6 || groups.slice(1).some((g) => g.length !== 4)) {
    problems.push('WRONG_GROUPS');
  }
  const body = licenseKey.startsWith('LM-') ? licenseKey.slice(3) : licenseKey;
  if (/[a-z]/.test(body)) problems.push('LOWERCASE');
  if (/[01OI578]/.test(body)) problems.push('AMBIGUOUS_CHARACTER');
  if (/[^A-Za-z0-9-]/.test(body)) problems.push('INVALID_CHARACTER');
  return { valid: problems.length === 0, problems };
}

// What copy and paste from mail and chat brings in. The Go reference lists exactly the same code
// points (go/license.go); docs/algorithms.md, "Normalising what customers paste", is the list.
const PASTED_INVISIBLE =
  /[\t\n\v\f\r\u0020\u0085\u00a0\u00ad\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/g;
const PASTED_DASH = /[\u2010-\u2015\u2043\u2212\ufe58\ufe63\uff0d]/g;

/**
 * Tidy what a customer pasted: drop whitespace and invisible characters (zero-width, BOM, soft
 * hyphen), turn dash look-alikes into `-`, upper-case ASCII letters, and insert the dashes when
 * all 22 characters are there without them. Never guesses a character (no Cyrillic or
 * full-width letter becomes ASCII); the result still needs validating. Same as Go's
 * `NormalizeLicenseKey`.
 * @param licenseKey - the key as the customer typed or pasted it
 * @returns the tidied text
 * @throws {DownloadKeysTypeError} INVALID_LICENSE_KEY when `licenseKey` is not a string
 * @example normalizeLicenseKey(' lm-eb2b-6dad-e6bb-93fe-c9d2\n') // 'LM-EB2B-6DAD-E6BB-93FE-C9D2'
 */
export function normalizeLicenseKey(licenseKey: string): string {
  if (typeof licenseKey !== 'string') {
    throw new DownloadKeysTypeError(
      'INVALID_LICENSE_KEY',
      'licenseKey',
      `licenseKey must be a string, got ${_describe(licenseKey)}`,
    );
  }
  const tidy = licenseKey
    .replace(PASTED_INVISIBLE, '')
    .replace(PASTED_DASH, '-')
    .replace(/[a-z]/g, (c) => c.toUpperCase());
  if (/^LM[A-Z0-9]{20}$/.test(tidy)) {
    const g = tidy.slice(2);
    return `LM-${g.slice(0, 4)}-${g.slice(4, 8)}-${g.slice(8, 12)}-${g.slice(12, 16)}-${g.slice(16, 20)}`;
  }
  return tidy;
}

/**
 * Verify a key against the purchase it claims to be for, in time independent of where the
 * first difference is. The key is normalised first.
 * @param licenseKey - the key as the customer typed it
 * @param sessionId - the purchase's Stripe Checkout session id
 * @param secret - the license secret
 * @returns true only when the key is the one derived from `sessionId` and `secret`
 * @throws {DownloadKeysTypeError | DownloadKeysRangeError} for an invalid session id or secret
 */
export function verifyLicenseKey(licenseKey: string, sessionId: string, secret: string): boolean {
  const expected = generateLicenseKey(sessionId, secret);
  const actual = normalizeLicenseKey(licenseKey);
  let diff = actual.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) {
    diff |= expected.charCodeAt(i) ^ actual.charCodeAt(i % Math.max(actual.length, 1));
  }
  return diff === 0;
}
