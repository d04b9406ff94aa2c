/**
 * The options the `download-keys` commands share, and the parsers that turn their text into
 * values: a wrong value is commander's `InvalidArgumentError`, a usage error (exit 2).
 * @module
 */
import { InvalidArgumentError, Option } from 'commander';
import {
  isPlatform,
  MAX_WINDOW,
  normalizeBaseUrl,
  normalizeS3Prefix,
  PLATFORMS,
  type Platform,
  timeWindowAt,
} from '../index.js';
import { parseBase10Integer, parseTimeArgument } from '../node/index.js';

function parseWindowOption(text: string): number {
  let value: number;
  try {
    value = parseBase10Integer(text, '--window');
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  if (value > MAX_WINDOW) throw new InvalidArgumentError(`--window must be at most ${MAX_WINDOW}`);
  return value;
}

function parseAtOption(text: string): number {
  const seconds = parseTimeArgument(text);
  if (seconds === null) {
    throw new InvalidArgumentError(
      'TIME is Unix seconds in base 10 (1755993600) or an RFC 3339 date (2025-08-24T00:00:00Z).',
    );
  }
  try {
    timeWindowAt(seconds);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  return seconds;
}

export function parsePlatformOption(text: string): Platform {
  if (!isPlatform(text)) throw new InvalidArgumentError(`Use one of ${PLATFORMS.join(', ')}.`);
  return text;
}

function parsePrefixOption(text: string): string {
  try {
    return normalizeS3Prefix(text, '--prefix');
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

export function parseBaseUrlOption(text: string): string {
  try {
    return normalizeBaseUrl(text, 'URL');
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** `--json`. */
export const jsonOption = () => new Option('--json', 'machine-readable output on stdout');
/** `--secret-file`; the secret is never an argument itself. */
export const secretFileOption = () =>
  new Option(
    '--secret-file <path>',
    'read the secret from this file (else $DOWNLOAD_SECRET or $DOWNLOAD_SECRET_FILE; never more than one)',
  );
/** `--at TIME` instead of the clock. */
export const atOption = () =>
  new Option('--at <time>', 'Unix seconds or an RFC 3339 date instead of the clock').argParser(
    parseAtOption,
  );
/** `--window N`, which conflicts with `--at`. */
export const windowOption = () =>
  new Option('--window <n>', 'window number (base 10)')
    .argParser(parseWindowOption)
    .conflicts('at');
/** `--prefix`, else `$S3_PREFIX`, else `downloads`. */
export const prefixOption = () =>
  new Option('--prefix <prefix>', 'S3 key prefix (else $S3_PREFIX, else "downloads")').argParser(
    parsePrefixOption,
  );
