// The TypeScript library against every committed vector file (written by the Go reference's
// generator, go/cmd/vectorgen; Go's freshness test checks the same files against Go).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  downloadHash,
  downloadUrl,
  generateLicenseKey,
  isCheckoutSessionId,
  isDownloadKeysError,
  linkExpiresAt,
  normalizeLicenseKey,
  PLATFORM_CATALOGUE,
  type Platform,
  s3ObjectKey,
  timeWindowAt,
  validateLicenseKeyFormat,
  verifyLicenseKey,
  windowBounds,
} from '../src/index.js';
import { verifyV4Public as isomorphicVerifyV4Public } from '../src/lease.js';
import {
  verifyV4Public as nodeVerifyV4Public,
  parseBase10Integer,
  readConfiguredSecret,
  signV4Public,
} from '../src/node/index.js';
import { ed25519PrivateKeyFromSeed } from './ed25519Keys.js';

type Case<T> = T & { id: string; comment: string };

function cases<T>(name: string): Case<T>[] {
  const url = new URL(`../vectors/${name}`, import.meta.url);
  const file = JSON.parse(readFileSync(url, 'utf8')) as { cases: Case<T>[] };
  expect(file.cases.length).toBeGreaterThan(0);
  return file.cases;
}

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (isDownloadKeysError(error)) return error.code;
    throw error;
  }
}

it('every vector file has a test here', () => {
  const files = readdirSync(new URL('../vectors/', import.meta.url)).sort();
  expect(files).toEqual([
    'download-hashes.json',
    'license-key-format.json',
    'license-key-inputs.json',
    'license-keys.json',
    'numbers.json',
    'paseto-v4-public.json',
    'secret-rule.json',
    'session-ids.json',
    'time-windows.json',
  ]);
});

describe('license-keys.json', () => {
  it.each(cases<{ sessionId: string; secret: string; licenseKey: string }>('license-keys.json'))(
    '$id: $comment',
    ({ sessionId, secret, licenseKey }) => {
      expect(generateLicenseKey(sessionId, secret)).toBe(licenseKey);
      expect(verifyLicenseKey(licenseKey, sessionId, secret)).toBe(true);
      expect(validateLicenseKeyFormat(licenseKey).valid).toBe(true);
    },
  );
});

describe('download-hashes.json', () => {
  type HashCase = {
    secret: string;
    unixSeconds?: number;
    timeWindow: number;
    platform: Platform;
    prefix: string;
    downloadHash: string;
    filename: string;
    s3Key: string;
    url: string;
  };
  it.each(cases<HashCase>('download-hashes.json'))('$id: $comment', (c) => {
    if (c.unixSeconds !== undefined) expect(timeWindowAt(c.unixSeconds)).toBe(c.timeWindow);
    expect(downloadHash(c.secret, c.timeWindow, c.platform)).toBe(c.downloadHash);
    expect(PLATFORM_CATALOGUE[c.platform].filename).toBe(c.filename);
    expect(s3ObjectKey(c.secret, c.timeWindow, c.platform, c.prefix)).toBe(c.s3Key);
    expect(
      downloadUrl('https://localmemory.co/downloads', c.secret, c.timeWindow, c.platform),
    ).toBe(c.url);
  });
});

describe('time-windows.json', () => {
  type WindowCase = {
    unixSeconds: number;
    timeWindow: number;
    windowStart: number;
    windowEnd: number;
    expiresAt: number;
  };
  it.each(cases<WindowCase>('time-windows.json'))('$id: $comment', (c) => {
    expect(timeWindowAt(c.unixSeconds)).toBe(c.timeWindow);
    expect(windowBounds(c.timeWindow)).toEqual({
      timeWindow: c.timeWindow,
      windowStart: c.windowStart,
      windowEnd: c.windowEnd,
    });
    expect(linkExpiresAt(c.unixSeconds)).toBe(c.expiresAt);
  });
});

describe('license-key-format.json', () => {
  it.each(
    cases<{ licenseKey: string; valid: boolean; problems: string[] }>('license-key-format.json'),
  )('$id: $comment', ({ licenseKey, valid, problems }) => {
    expect(validateLicenseKeyFormat(licenseKey)).toEqual({ valid, problems });
  });
});

describe('license-key-inputs.json (what customers paste)', () => {
  type InputCase = {
    input: string;
    licenseKey: string;
    valid: boolean;
    problems: string[];
    verified: boolean;
  };
  const all = cases<InputCase>('license-key-inputs.json');
  it('holds at least 100 odd inputs, valid and invalid', () => {
    expect(all.length).toBeGreaterThanOrEqual(100);
    expect(all.filter((c) => c.valid).length).toBeGreaterThan(20);
    expect(all.filter((c) => !c.valid).length).toBeGreaterThan(20);
    expect(all.filter((c) => c.verified).length).toBeGreaterThan(20);
  });
  it.each(all)('$id: $comment', (c) => {
    const licenseKey = normalizeLicenseKey(c.input);
    expect(licenseKey).toBe(c.licenseKey);
    expect(validateLicenseKeyFormat(licenseKey)).toEqual({
      valid: c.valid,
      problems: c.problems,
    });
    expect(verifyLicenseKey(c.input, 'cs_test_12345', 'test-secret-key')).toBe(c.verified);
  });
});

describe('session-ids.json', () => {
  it.each(cases<{ sessionId: string; valid: boolean }>('session-ids.json'))(
    '$id: $comment',
    ({ sessionId, valid }) => {
      expect(isCheckoutSessionId(sessionId)).toBe(valid);
    },
  );
});

describe('numbers.json (command-line numbers, base 10 only)', () => {
  it.each(cases<{ text: string; value?: number; error?: string }>('numbers.json'))(
    '$id: $comment',
    (c) => {
      const code = errorCode(() => parseBase10Integer(c.text, 'value'));
      expect(code).toBe(c.error);
      if (c.value !== undefined) expect(parseBase10Integer(c.text, 'value')).toBe(c.value);
    },
  );
});

describe('secret-rule.json (the configured secret)', () => {
  type SecretCase = {
    env: Record<string, string>;
    fileHex: string;
    fileVia: '' | 'env' | 'flag';
    missing: boolean;
    secret?: string;
    error?: string;
    downloadHash?: string;
  };
  const dir = mkdtempSync(join(tmpdir(), 'dk-secret-rule-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.each(cases<SecretCase>('secret-rule.json'))('$id: $comment', async (c) => {
    const path = join(dir, c.id);
    if (!c.missing && c.fileVia !== '') writeFileSync(path, Buffer.from(c.fileHex, 'hex'));
    const env: Record<string, string> = { ...c.env };
    if (c.fileVia === 'env') env.DOWNLOAD_SECRET_FILE = path;
    let got: { secret?: string; error?: string };
    try {
      got = { secret: await readConfiguredSecret(env, c.fileVia === 'flag' ? path : undefined) };
    } catch (error) {
      if (!isDownloadKeysError(error)) throw error;
      got = { error: error.code };
    }
    expect(got).toEqual(c.error ? { error: c.error } : { secret: c.secret });
    if (got.secret !== undefined) {
      expect(downloadHash(got.secret, 40648, 'linux')).toBe(c.downloadHash);
    }
  });
});

describe("paseto-v4-public.json (official PASETO v4.public vectors, and this repo's), both verifiers", () => {
  type PasetoCase = {
    expectFail: boolean;
    publicKey: string;
    secretKeySeed: string;
    token: string;
    payload: string | null;
    footer: string;
    implicit: string;
    error?: string;
  };
  const all = cases<PasetoCase>('paseto-v4-public.json');
  it('holds the official 4-S-1…4-S-3 and 4-F-1…4-F-4', () => {
    expect(all.map((c) => c.id)).toEqual(
      expect.arrayContaining(['4-S-1', '4-S-2', '4-S-3', '4-F-1', '4-F-2', '4-F-3', '4-F-4']),
    );
  });
  const verifiers = [
    ['./lease', isomorphicVerifyV4Public],
    ['./node', nodeVerifyV4Public],
  ] as const;
  it.each(
    all.flatMap((c) =>
      verifiers.map(([entry, verifyV4Public]) => ({ ...c, entry, verifyV4Public })),
    ),
  )('$id ($entry): $comment', (c) => {
    const { verifyV4Public } = c;
    const publicKey = Uint8Array.from(Buffer.from(c.publicKey, 'hex'));
    if (c.expectFail) {
      expect(c.payload).toBeNull();
      expect(errorCode(() => verifyV4Public(c.token, publicKey, { implicit: c.implicit }))).toBe(
        c.error,
      );
      return;
    }
    const { payload, footer } = verifyV4Public(c.token, publicKey, {
      implicit: c.implicit,
      footer: c.footer,
    });
    expect(Buffer.from(payload).toString('utf8')).toBe(c.payload);
    expect(Buffer.from(footer).toString('utf8')).toBe(c.footer);
    // Ed25519 is deterministic: signing the same inputs reproduces the official token.
    const privateKey = ed25519PrivateKeyFromSeed(Buffer.from(c.secretKeySeed, 'hex'));
    expect(
      signV4Public(c.payload as string, privateKey, { footer: c.footer, implicit: c.implicit }),
    ).toBe(c.token);
  });
});
