/**
 * The platform catalogue: which ZIP each platform downloads and what is inside it.
 * See docs/algorithms.md, "Download hashes".
 * @module
 */
import { _describe, DownloadKeysRangeError, DownloadKeysTypeError } from './errors.js';

/** Every platform a download exists for, in display order. */
export const PLATFORMS = ['macos', 'windows', 'linux', 'universal'] as const;

/** A platform name as it appears in paths and hashes. */
export type Platform = (typeof PLATFORMS)[number];

/** What one platform's download is. */
export interface PlatformInfo {
  readonly platform: Platform;
  /** Human name for the UI. */
  readonly label: string;
  /** ZIP file name, the last path segment of every URL and S3 key. */
  readonly filename: string;
  /** Entries inside the ZIP. */
  readonly contents: readonly string[];
}

const MACOS = ['local-memory-macos-intel', 'local-memory-macos-arm'] as const;
const WINDOWS = ['local-memory-windows.exe'] as const;
const LINUX = ['local-memory-linux'] as const;

/** The catalogue, keyed by platform. */
export const PLATFORM_CATALOGUE: Readonly<Record<Platform, PlatformInfo>> = Object.freeze({
  macos: {
    platform: 'macos',
    label: 'macOS (Apple silicon and Intel)',
    filename: 'local-memory-macos.zip',
    contents: [...MACOS, 'README'],
  },
  windows: {
    platform: 'windows',
    label: 'Windows (x64)',
    filename: 'local-memory-windows.zip',
    contents: [...WINDOWS, 'README'],
  },
  linux: {
    platform: 'linux',
    label: 'Linux (x64)',
    filename: 'local-memory-linux.zip',
    contents: [...LINUX, 'README'],
  },
  universal: {
    platform: 'universal',
    label: 'All platforms',
    filename: 'local-memory-universal.zip',
    contents: [...MACOS, ...WINDOWS, ...LINUX, 'README'],
  },
});

/**
 * Whether `value` is a known platform name.
 * @param value - anything
 * @returns true for `macos`, `windows`, `linux` or `universal`
 */
export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}

/**
 * Check that `value` is a known platform.
 * @throws {DownloadKeysTypeError} UNKNOWN_PLATFORM when not a string
 * @throws {DownloadKeysRangeError} UNKNOWN_PLATFORM for any other name
 */
export function assertPlatform(value: unknown, argument = 'platform'): asserts value is Platform {
  if (typeof value !== 'string') {
    throw new DownloadKeysTypeError(
      'UNKNOWN_PLATFORM',
      argument,
      `${argument} must be a string, got ${_describe(value)}`,
    );
  }
  if (!isPlatform(value)) {
    throw new DownloadKeysRangeError(
      'UNKNOWN_PLATFORM',
      argument,
      `${argument} must be one of ${PLATFORMS.join(', ')}, got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
}

/**
 * The ZIP file name for a platform.
 * @example platformFilename('linux') // 'local-memory-linux.zip'
 */
export function platformFilename(platform: Platform): string {
  assertPlatform(platform);
  return PLATFORM_CATALOGUE[platform].filename;
}
