import { describe, expect, it } from 'vitest';
import { downloadHash } from './downloadHash.js';
import {
  downloadLinks,
  downloadUrl,
  normalizeBaseUrl,
  normalizeS3Prefix,
  parseDownloadPath,
  s3ObjectKey,
} from './downloadLinks.js';
import { isDownloadKeysError } from './errors.js';
import {
  assertPlatform,
  isPlatform,
  PLATFORM_CATALOGUE,
  PLATFORMS,
  platformFilename,
} from './platforms.js';
import {
  assertTimeWindow,
  linkExpiresAt,
  MAX_WINDOW,
  oldestRetainedWindow,
  timeWindowAt,
  uploadWindows,
  windowBounds,
} from './timeWindow.js';

const S = 'test-secret-key';
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isDownloadKeysError(error)) return error.code;
    throw error;
  }
  return 'no error';
}

describe('time windows', () => {
  it('are 12-hour windows from 00:00 and 12:00 UTC', () => {
    expect(timeWindowAt(1755993600)).toBe(40648);
    expect(timeWindowAt(1755993600 + 43_199.9)).toBe(40648);
    expect(timeWindowAt(1755993600 + 43_200)).toBe(40649);
    expect(windowBounds(40648)).toEqual({
      timeWindow: 40648,
      windowStart: 1755993600,
      windowEnd: 1756036800,
    });
    expect(uploadWindows(1755993600)).toEqual([40648, 40649]);
    expect(oldestRetainedWindow(40648)).toBe(40644);
  });
  it('give links issued in window W until the end of W+4 (48 to 60 hours)', () => {
    const startOfWindow = 1755993600;
    expect(linkExpiresAt(startOfWindow) - startOfWindow).toBe(60 * 3600);
    expect(linkExpiresAt(startOfWindow + 43_199) - (startOfWindow + 43_199)).toBe(48 * 3600 + 1);
  });
  it.each([
    [-1, 'INVALID_WINDOW'],
    [1.5, 'INVALID_WINDOW'],
    [Number.NaN, 'INVALID_WINDOW'],
    [MAX_WINDOW + 1, 'INVALID_WINDOW'],
    ['7', 'INVALID_WINDOW'],
    [0, 'no error'],
    [MAX_WINDOW, 'no error'],
  ])('window %j -> %s', (value, code) => {
    expect(codeOf(() => assertTimeWindow(value))).toBe(code);
  });
  it('refuses times that are negative, not numbers or not finite', () => {
    expect(codeOf(() => timeWindowAt(-1))).toBe('INVALID_TIME');
    expect(codeOf(() => timeWindowAt(Number.POSITIVE_INFINITY))).toBe('INVALID_TIME');
    expect(codeOf(() => timeWindowAt('now' as unknown as number))).toBe('INVALID_TIME');
  });
});

describe('platforms', () => {
  it('has the four platforms with their file names', () => {
    expect(PLATFORMS).toEqual(['macos', 'windows', 'linux', 'universal']);
    expect(platformFilename('macos')).toBe('local-memory-macos.zip');
    expect(PLATFORM_CATALOGUE.macos.contents).toContain('local-memory-macos-arm');
    expect(PLATFORM_CATALOGUE.universal.contents).toHaveLength(5);
    expect(isPlatform('linux')).toBe(true);
    expect(isPlatform('Linux')).toBe(false);
    expect(codeOf(() => assertPlatform('android'))).toBe('UNKNOWN_PLATFORM');
    expect(codeOf(() => assertPlatform(undefined))).toBe('UNKNOWN_PLATFORM');
  });
});

describe('download hash and locations', () => {
  it('matches the spec vectors and every shape shares the tail', () => {
    expect(downloadHash(S, 40648, 'macos')).toBe('4b9e0f69ec32f39a');
    const tail = '40648/15848b2649ad7344/linux/local-memory-linux.zip';
    expect(s3ObjectKey(S, 40648, 'linux', '')).toBe(tail);
    expect(downloadUrl('https://localmemory.co/downloads', S, 40648, 'linux')).toBe(
      `https://localmemory.co/downloads/${tail}`,
    );
    expect(downloadUrl('https://d1234.cloudfront.net/', S, 40648, 'linux')).toBe(
      `https://d1234.cloudfront.net/${tail}`,
    );
    expect(downloadUrl('/downloads/', S, 40648, 'linux')).toBe(`/downloads/${tail}`);
    expect(s3ObjectKey(S, 40648, 'linux')).toBe(`downloads/${tail}`);
    expect(s3ObjectKey(S, 40648, 'linux', '/releases/v1/')).toBe(`releases/v1/${tail}`);
    expect(s3ObjectKey(S, 40648, 'linux', '')).toBe(tail);
  });
  it('round-trips through parseDownloadPath and rejects other shapes', () => {
    const key = s3ObjectKey(S, 40648, 'windows');
    expect(parseDownloadPath(key)).toEqual({
      timeWindow: 40648,
      downloadHash: '10fa7d873655acdb',
      platform: 'windows',
      filename: 'local-memory-windows.zip',
    });
    expect(parseDownloadPath('downloads/40648/10fa7d873655acdb/windows/other.zip')).toBeNull();
    expect(parseDownloadPath('40648/10FA7D873655ACDB/windows/local-memory-windows.zip')).toBeNull();
    expect(parseDownloadPath('-1/10fa7d873655acdb/windows/local-memory-windows.zip')).toBeNull();
    expect(parseDownloadPath('index.html')).toBeNull();
  });
  it('validates base URLs and prefixes', () => {
    expect(normalizeBaseUrl(' https://localmemory.co/downloads// ')).toBe(
      'https://localmemory.co/downloads',
    );
    expect(codeOf(() => normalizeBaseUrl('ftp://x'))).toBe('INVALID_BASE_URL');
    expect(codeOf(() => normalizeBaseUrl('//evil.example'))).toBe('INVALID_BASE_URL');
    expect(codeOf(() => normalizeBaseUrl('https://x/?a=1'))).toBe('INVALID_BASE_URL');
    expect(codeOf(() => normalizeBaseUrl('javascript:alert(1)'))).toBe('INVALID_BASE_URL');
    expect(normalizeS3Prefix('/downloads/')).toBe('downloads');
    expect(codeOf(() => normalizeS3Prefix('a/../b'))).toBe('INVALID_PREFIX');
    expect(codeOf(() => normalizeS3Prefix('a//b'))).toBe('INVALID_PREFIX');
  });
  it('downloadLinks gives every platform with refresh and expiry times', () => {
    const set = downloadLinks({ secret: S, baseUrl: '/downloads', unixSeconds: 1755993600 + 100 });
    expect(set.timeWindow).toBe(40648);
    expect(set.refreshAt).toBe(1756036800);
    expect(set.expiresAt).toBe(linkExpiresAt(1755993600));
    expect(set.links.map((l) => l.platform)).toEqual([...PLATFORMS]);
    expect(set.links[0]?.url).toBe(
      '/downloads/40648/4b9e0f69ec32f39a/macos/local-memory-macos.zip',
    );
    const only = downloadLinks({ secret: S, baseUrl: '/d', unixSeconds: 0, platforms: ['linux'] });
    expect(only.links).toHaveLength(1);
    expect(
      codeOf(() =>
        downloadLinks({ secret: S, baseUrl: '/d', unixSeconds: 0, platforms: ['beos' as 'linux'] }),
      ),
    ).toBe('UNKNOWN_PLATFORM');
  });
});
