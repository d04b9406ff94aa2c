/**
 * Node-only helpers shared by this package's CLI, the operations CLI and the API: signing and
 * verifying leases on node:crypto, reading the configured secret (environment or file, never
 * argv) and reading numbers and times given on the command line. Not part of the isomorphic entry; import from `@local-memory/download-keys/node`.
 * The error classes are the very ones `@local-memory/download-keys` exports (one shared module),
 * so `instanceof` and `isDownloadKeysError` hold for errors thrown here.
 * @module
 */
import { DownloadKeysRangeError, DownloadKeysTypeError } from '../errors.js';

export {
  type Ed25519Signer,
  type PrivateKeyObject,
  type SignLeaseOptions,
  type SignV4PublicOptions,
  signLease,
  signLeaseWith,
  signV4Public,
  signV4PublicWith,
} from './lease.js';
export { verifyLease, verifyV4Public } from './leaseVerify.js';
export { readConfiguredSecret, SECRET_ENV, SECRET_FILE_ENV, trimSecretFile } from './secret.js';

/** What a command-line tool talks to; tests pass their own (environment, output, clock). */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Current Unix time in seconds; the only clock the CLI reads. */
  readonly now: () => number;
  /** The whole of standard input, for commands that read it (`lease verify`, `lease sign`). */
  readonly stdin?: () => Promise<string>;
}

const CANONICAL_INTEGER = /^(0|[1-9][0-9]*)$/;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Read a whole number written in canonical base 10, as the Go reference does: ASCII digits, no
 * sign, no leading zero, no `0x`, no `_`, no exponent, at most 2^53 - 1. `010`, `0x10` and `1_0`
 * are rejected rather than read in another base.
 * @param text - the text from the command line
 * @param argument - the option's name, for the message
 * @returns the number
 * @throws {DownloadKeysTypeError} INVALID_NUMBER when `text` is not a string
 * @throws {DownloadKeysRangeError} INVALID_NUMBER for any other form
 * @example parseBase10Integer('40648', '--window') // 40648
 */
export function parseBase10Integer(text: string, argument: string): number {
  if (typeof text !== 'string') {
    throw new DownloadKeysTypeError('INVALID_NUMBER', argument, `${argument} must be a string`);
  }
  if (!CANONICAL_INTEGER.test(text)) {
    throw new DownloadKeysRangeError(
      'INVALID_NUMBER',
      argument,
      `${argument} must be a whole number in base 10 without leading zeros, got ${JSON.stringify(text.slice(0, 40))}`,
    );
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new DownloadKeysRangeError(
      'INVALID_NUMBER',
      argument,
      `${argument} must be at most ${Number.MAX_SAFE_INTEGER}, got ${JSON.stringify(text.slice(0, 40))}`,
    );
  }
  return value;
}

/**
 * Read a moment given on the command line: canonical base-10 Unix seconds (`1755993600`) or an
 * RFC 3339 date (`2025-08-24T00:00:00Z`), the two forms the Go reference reads.
 * @param text - the text from the command line
 * @returns Unix seconds (whole seconds), or null when the text is neither form
 * @example parseTimeArgument('2025-08-24T00:00:00Z') // 1755993600
 */
export function parseTimeArgument(text: string): number | null {
  if (CANONICAL_INTEGER.test(text)) {
    const value = Number(text);
    return Number.isSafeInteger(value) ? value : null;
  }
  if (!RFC_3339.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}
