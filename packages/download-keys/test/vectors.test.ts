// The library against every committed vector (written by the Go reference's generator).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  downloadHash,
  downloadUrl,
  generateLicenseKey,
  isCheckoutSessionId,
  linkExpiresAt,
  type Platform,
  s3ObjectKey,
  timeWindowAt,
  validateLicenseKeyFormat,
  verifyLicenseKey,
  windowBounds,
} from '../src/index.js';

function cases<T>(name: string): (T & { id: string; comment: string })[] {
  const url = new URL(`../vectors/${name}`, import.meta.url);
  const file = JSON.parse(readFileSync(url, 'utf8')) as {
    cases: (T & { id: string; comment: string })[];
  };
  expect(file.cases.length).toBeGreaterThan(0);
  return file.cases;
}

describe('license-keys.json', () => {
  it.each(cases<{ sessionId: string; secret: string; key: string }>('license-keys.json'))(
    '$id: $comment',
    ({ sessionId, secret, key }) => {
      expect(generateLicenseKey(sessionId, secret)).toBe(key);
      expect(verifyLicenseKey(key, sessionId, secret)).toBe(true);
      expect(validateLicenseKeyFormat(key).valid).toBe(true);
    },
  );
});

describe('download-hashes.json', () => {
  type HashCase = {
    secret: string;
    unixSeconds?: number;
    window: number;
    platform: Platform;
    hash: string;
    s3Key: string;
    pageUrl: string;
  };
  it.each(cases<HashCase>('download-hashes.json'))('$id: $comment', (c) => {
    if (c.unixSeconds !== undefined) expect(timeWindowAt(c.unixSeconds)).toBe(c.window);
    expect(downloadHash(c.secret, c.window, c.platform)).toBe(c.hash);
    expect(s3ObjectKey(c.secret, c.window, c.platform)).toBe(c.s3Key);
    expect(downloadUrl('https://localmemory.co/downloads', c.secret, c.window, c.platform)).toBe(
      c.pageUrl,
    );
  });
});

describe('time-windows.json', () => {
  type WindowCase = {
    unixSeconds: number;
    window: number;
    startsAt: number;
    endsAt: number;
    expiresAt: number;
  };
  it.each(cases<WindowCase>('time-windows.json'))('$id: $comment', (c) => {
    expect(timeWindowAt(c.unixSeconds)).toBe(c.window);
    expect(windowBounds(c.window)).toEqual({
      timeWindow: c.window,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
    });
    expect(linkExpiresAt(c.unixSeconds)).toBe(c.expiresAt);
  });
});

describe('license-key-format.json', () => {
  it.each(cases<{ key: string; valid: boolean; problems: string[] }>('license-key-format.json'))(
    '$id: $comment',
    ({ key, valid, problems }) => {
      const result = validateLicenseKeyFormat(key);
      expect(result.valid).toBe(valid);
      expect(result.problems.map((p) => p.code)).toEqual(problems);
    },
  );
});

describe('session-ids.json', () => {
  it.each(cases<{ sessionId: string; valid: boolean }>('session-ids.json'))(
    '$id: $comment',
    ({ sessionId, valid }) => {
      expect(isCheckoutSessionId(sessionId)).toBe(valid);
    },
  );
});
