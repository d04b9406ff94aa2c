import { describe, expect, it } from 'vitest';
import { isDownloadKeysError } from './errors.js';
import { assertConfiguredSecret, MIN_SECRET_LENGTH } from './secretPolicy.js';

function failure(value: unknown): { code: string; message: string } | null {
  try {
    assertConfiguredSecret(value, 'VITE_DOWNLOAD_SECRET');
    return null;
  } catch (error) {
    if (!isDownloadKeysError(error)) throw error;
    return { code: error.code, message: error.message };
  }
}

describe('assertConfiguredSecret', () => {
  it('refuses missing and short secrets, naming the variable and the fix', () => {
    expect(failure(undefined)?.code).toBe('INVALID_SECRET');
    expect(failure('')?.message).toContain('VITE_DOWNLOAD_SECRET is not set');
    const short = failure('x'.repeat(MIN_SECRET_LENGTH - 1));
    expect(short?.code).toBe('SECRET_TOO_SHORT');
    expect(short?.message).toMatch(/31 characters long; it must be at least 32/);
    expect(short?.message).not.toContain('x'.repeat(MIN_SECRET_LENGTH - 1));
  });
  it('counts characters, not UTF-16 units or bytes', () => {
    expect(failure('🔑'.repeat(31))?.code).toBe('SECRET_TOO_SHORT');
    expect(failure('🔑'.repeat(32))).toBeNull();
    expect(failure('a'.repeat(32))).toBeNull();
  });
  it('refuses control characters and U+FFFD, naming the character but never the secret', () => {
    const base = 'k'.repeat(40);
    for (const [bad, name] of [
      ['\n', 'U+000A'],
      ['\r', 'U+000D'],
      ['\t', 'U+0009'],
      ['\u0000', 'U+0000'],
      ['\u007f', 'U+007F'],
    ] as const) {
      const f = failure(`${base}${bad}`);
      expect(f?.code).toBe('INVALID_SECRET');
      expect(f?.message).toContain(name);
      expect(f?.message).not.toContain(base);
    }
    expect(failure(`${base}\ufffd`)?.message).toContain('not valid UTF-8');
    expect(failure(`${base} with spaces and é`)).toBeNull();
  });
});
