import { describe, expect, it } from 'vitest';
import { isDownloadKeysError } from './errors.js';
import {
  assertCheckoutSessionId,
  generateLicenseKey,
  isCheckoutSessionId,
  LICENSE_KEY_PATTERN,
  LICENSE_KEY_PROBLEM_MESSAGES,
  normalizeLicenseKey,
  validateLicenseKeyFormat,
  verifyLicenseKey,
} from './licenseKey.js';

const SPEC_SECRET = 'test-secret-key';
const KEY = 'LM-EB2B-6DAD-E6BB-93FE-C9D2';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isDownloadKeysError(error)) return `${error.code}:${error.argument}`;
    throw error;
  }
  return 'no error';
}

describe('generateLicenseKey', () => {
  it('derives the docs/algorithms.md keys', () => {
    expect(generateLicenseKey('cs_test_12345', SPEC_SECRET)).toBe(KEY);
    expect(generateLicenseKey('cs_live_67890', SPEC_SECRET)).toBe('LM-CACE-9FCB-GGFF-2A6A-FBCA');
    expect(generateLicenseKey('cs_test_abcdef', SPEC_SECRET)).toBe('LM-F2A4-ADEA-DFEB-2FEE-4EDE');
  });

  it('is deterministic and depends on both the session id and the secret', () => {
    const a = generateLicenseKey('cs_test_abc', 'a'.repeat(32));
    expect(generateLicenseKey('cs_test_abc', 'a'.repeat(32))).toBe(a);
    expect(generateLicenseKey('cs_test_abd', 'a'.repeat(32))).not.toBe(a);
    expect(generateLicenseKey('cs_test_abc', 'b'.repeat(32))).not.toBe(a);
    expect(a).toMatch(LICENSE_KEY_PATTERN);
  });

  it('refuses what is not a Checkout session id or not a secret, with a code', () => {
    expect(codeOf(() => generateLicenseKey('', SPEC_SECRET))).toBe('INVALID_SESSION_ID:sessionId');
    expect(codeOf(() => generateLicenseKey('pi_123', SPEC_SECRET))).toBe(
      'INVALID_SESSION_ID:sessionId',
    );
    expect(codeOf(() => generateLicenseKey(`cs_test_${'a'.repeat(248)}`, SPEC_SECRET))).toBe(
      'INVALID_SESSION_ID:sessionId',
    );
    expect(codeOf(() => generateLicenseKey(42 as unknown as string, SPEC_SECRET))).toBe(
      'INVALID_SESSION_ID:sessionId',
    );
    expect(codeOf(() => generateLicenseKey('cs_test_1', ''))).toBe('INVALID_SECRET:secret');
    expect(codeOf(() => generateLicenseKey('cs_test_1', null as unknown as string))).toBe(
      'INVALID_SECRET:secret',
    );
  });
});

describe('session ids', () => {
  it.each([
    ['cs_test_a1', true],
    ['cs_live_Z9', true],
    [`cs_live_${'a'.repeat(247)}`, true],
    [`cs_live_${'a'.repeat(248)}`, false],
    ['cs_test_', false],
    ['cs_test_<script>', false],
    ['cs_test_ünï', false],
    [' cs_test_a1', false],
    [undefined, false],
  ])('%j -> %s', (value, ok) => {
    expect(isCheckoutSessionId(value)).toBe(ok);
    expect(codeOf(() => assertCheckoutSessionId(value))).toBe(
      ok ? 'no error' : 'INVALID_SESSION_ID:sessionId',
    );
  });
});

describe('validateLicenseKeyFormat', () => {
  const codes = (key: string) => validateLicenseKeyFormat(key).problems;
  it('accepts a well-formed key', () => {
    expect(validateLicenseKeyFormat(KEY)).toEqual({ valid: true, problems: [] });
  });
  it.each([
    ['', ['EMPTY']],
    ['LM-EB2B-6DAD-E6BB-C9D2', ['WRONG_LENGTH', 'WRONG_GROUPS']],
    ['XX-EB2B-6DAD-E6BB-93FE-C9D2', ['MISSING_PREFIX']],
    ['LM-EB2B6-DAD-E6BB-93FE-C9D2', ['WRONG_GROUPS']],
    ['LM-eb2b-6DAD-E6BB-93FE-C9D2', ['LOWERCASE']],
    ['LM-EB2B-6DAD-E6BB-93FE-C9D0', ['AMBIGUOUS_CHARACTER']],
    ['LM-EB2B-6DAD-E6BB-93FE-C9D!', ['INVALID_CHARACTER']],
    ['LM-ERROR-ERROR-ERROR-ERROR-ERROR', ['WRONG_LENGTH', 'WRONG_GROUPS', 'AMBIGUOUS_CHARACTER']],
  ])('%j -> %j', (key, expected) => {
    expect(codes(key)).toEqual(expected);
    expect(validateLicenseKeyFormat(key).valid).toBe(false);
    for (const p of validateLicenseKeyFormat(key).problems)
      expect(LICENSE_KEY_PROBLEM_MESSAGES[p].length).toBeGreaterThan(10);
  });
  it('throws a typed error for a non-string', () => {
    expect(codeOf(() => validateLicenseKeyFormat(undefined as unknown as string))).toBe(
      'INVALID_LICENSE_KEY:licenseKey',
    );
  });
});

describe('normalizeLicenseKey', () => {
  it.each([
    [' lm-eb2b-6dad-e6bb-93fe-c9d2\n', KEY],
    ['LM EB2B 6DAD E6BB 93FE C9D2', KEY],
    ['LM\u2011EB2B\u20136DAD\u20146DAD', 'LM-EB2B-6DAD-6DAD'],
    ['lmeb2b6dade6bb93fec9d2', KEY],
    ['\u200bLM-EB2B-6DAD-E6BB-93FE-C9D2\u00a0', KEY],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeLicenseKey(input)).toBe(expected);
  });
  it('never guesses characters', () => {
    expect(normalizeLicenseKey('LM-EB2B-6DAD-E6BB-93FE-C9D0')).toBe('LM-EB2B-6DAD-E6BB-93FE-C9D0');
  });
  it('names the argument licenseKey, as everywhere, for a non-string', () => {
    expect(codeOf(() => normalizeLicenseKey(42 as unknown as string))).toBe(
      'INVALID_LICENSE_KEY:licenseKey',
    );
  });
});

describe('verifyLicenseKey', () => {
  it('accepts the right key, normalised, and nothing else', () => {
    expect(verifyLicenseKey(KEY, 'cs_test_12345', SPEC_SECRET)).toBe(true);
    expect(verifyLicenseKey(' lm-eb2b-6dad-e6bb-93fe-c9d2 ', 'cs_test_12345', SPEC_SECRET)).toBe(
      true,
    );
    expect(verifyLicenseKey('LM-EB2B-6DAD-E6BB-AGE2-C9D2', 'cs_test_12345', SPEC_SECRET)).toBe(
      false,
    );
    expect(verifyLicenseKey(KEY, 'cs_test_12346', SPEC_SECRET)).toBe(false);
    expect(verifyLicenseKey(KEY, 'cs_test_12345', `${SPEC_SECRET}x`)).toBe(false);
    expect(verifyLicenseKey('', 'cs_test_12345', SPEC_SECRET)).toBe(false);
    expect(verifyLicenseKey(`${KEY}A`, 'cs_test_12345', SPEC_SECRET)).toBe(false);
    expect(verifyLicenseKey(KEY.slice(0, 26), 'cs_test_12345', SPEC_SECRET)).toBe(false);
  });
});
