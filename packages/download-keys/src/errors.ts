/**
 * Typed errors for the download-keys library.
 *
 * Every failure carries a stable `code` so callers (UI, CLI, Go cross-check) can
 * branch on it without parsing messages. Wrong types raise {@link DownloadKeysTypeError},
 * wrong values {@link DownloadKeysRangeError}; both name the offending argument.
 * @module
 */

/** Stable error codes, shared with the Go reference implementation. */
export type DownloadKeysErrorCode =
  | 'INVALID_SECRET'
  | 'SECRET_TOO_SHORT'
  | 'SECRET_CONFLICT'
  | 'INVALID_NUMBER'
  | 'INVALID_TIME'
  | 'INVALID_WINDOW'
  | 'UNKNOWN_PLATFORM'
  | 'INVALID_SESSION_ID'
  | 'INVALID_BASE_URL'
  | 'INVALID_PREFIX'
  | 'INVALID_LICENSE_KEY'
  | 'INVALID_PUBLIC_KEY'
  | 'INVALID_PRIVATE_KEY'
  | 'INVALID_MACHINE_ID'
  | LeaseErrorCode
  | CliErrorCode;

/** How the `download-keys` CLI was called (exit 2); the library itself never throws it. */
export type CliErrorCode = 'USAGE';

/**
 * Why a lease (a PASETO v4.public token) was refused; see docs/algorithms.md, "Leases".
 * Lease failures are {@link DownloadKeysRangeError}s (or a {@link DownloadKeysTypeError} when
 * the token is not a string) whose `argument` is `token`.
 */
export type LeaseErrorCode =
  | 'BAD_SIGNATURE'
  | 'UNKNOWN_KID'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'MALFORMED'
  | 'WRONG_PURPOSE';

/** Common shape of every error this library throws. */
export interface DownloadKeysErrorFields {
  /** Stable, machine-readable reason. */
  readonly code: DownloadKeysErrorCode;
  /** Name of the argument that was rejected. */
  readonly argument: string;
}

/** Thrown when an argument has the wrong type (for example `undefined` instead of a string). */
export class DownloadKeysTypeError extends TypeError implements DownloadKeysErrorFields {
  override readonly name = 'DownloadKeysTypeError';
  readonly code: DownloadKeysErrorCode;
  readonly argument: string;
  constructor(
    code: DownloadKeysErrorCode,
    argument: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.code = code;
    this.argument = argument;
  }
}

/** Thrown when an argument has the right type but an unusable value. */
export class DownloadKeysRangeError extends RangeError implements DownloadKeysErrorFields {
  override readonly name = 'DownloadKeysRangeError';
  readonly code: DownloadKeysErrorCode;
  readonly argument: string;
  constructor(
    code: DownloadKeysErrorCode,
    argument: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.code = code;
    this.argument = argument;
  }
}

/** Any error thrown by this library. */
export type DownloadKeysError = DownloadKeysTypeError | DownloadKeysRangeError;

/**
 * Type guard for errors thrown by this library.
 * @param error - anything caught
 * @returns whether `error` is a {@link DownloadKeysError}
 * @example
 * try { generateLicenseKey(id, secret) } catch (e) { if (isDownloadKeysError(e)) show(e.code) }
 */
export function isDownloadKeysError(error: unknown): error is DownloadKeysError {
  return error instanceof DownloadKeysTypeError || error instanceof DownloadKeysRangeError;
}

/** @internal describe a rejected value without echoing secrets or long input back. */
export function _describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `a string of length ${value.length}` : `${typeof value}`;
}
