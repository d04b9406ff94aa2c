/**
 * The one error model of download-ops: {@link OpsError} with a code from {@link OpsErrorCode}
 * (SCREAMING_SNAKE, the CLI's `--json` error codes) and the error that caused it kept as `cause`,
 * so `--debug` can show the whole chain.
 * @module
 */

/** Every code an {@link OpsError} carries. */
export type OpsErrorCode =
  // how the CLI was called
  | 'USAGE'
  | 'NO_BUCKET'
  | 'NO_FILE'
  | 'BAD_JSON'
  // the release folder
  | 'MISSING_ZIPS'
  | 'NOT_A_ZIP'
  | 'WRONG_CONTENTS'
  | 'UNSAFE_ZIP_ENTRY'
  // the manifest and the operations
  | 'NO_RELEASE'
  | 'BAD_MANIFEST'
  | 'READ_BACK_MISMATCH'
  | 'UPLOAD_FAILED'
  | 'NO_COMPLETE_WINDOW'
  | 'COPY_FAILED'
  | 'CLOCK_SKEW'
  | 'DELETE_FAILED'
  | 'LEASE_HELD'
  // the binaries-updated dispatch
  | 'INVALID_PAYLOAD'
  | 'UNSAFE_URL'
  | 'TOO_LARGE'
  | 'TOO_MANY_REDIRECTS'
  | 'HTTP_STATUS'
  | 'FETCH_TIMEOUT'
  | 'FETCH_FAILED'
  | 'CHECKSUM_MISMATCH'
  // the S3 store
  | 'NO_SUCH_BUCKET'
  | 'ACCESS_DENIED'
  | 'NO_CREDENTIALS'
  | 'UNREACHABLE'
  | 'S3_UNAVAILABLE'
  | 'S3_ERROR'
  // the folder store
  | 'UNSAFE_S3_KEY';

export interface OpsErrorOptions {
  /** The error this one explains; kept so `--debug` shows the chain. */
  readonly cause?: unknown;
  /** Whether another attempt may succeed (a 5xx answer, an idle timeout); default false. */
  readonly retryable?: boolean;
}

/** A failure the operator must act on; the message says what to do. */
export class OpsError extends Error {
  override readonly name: string = 'OpsError';
  readonly code: OpsErrorCode;
  /** Whether another attempt may succeed; the retry helper reads this. */
  readonly retryable: boolean;

  /**
   * @param message - what went wrong and what to do
   * @param code - the machine-readable code
   * @param options - the cause, and whether a retry may help
   */
  constructor(message: string, code: OpsErrorCode, options: OpsErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    this.retryable = options.retryable === true;
  }
}

/**
 * Whether `error` is an {@link OpsError}, optionally with one of `codes`.
 * @param error - anything caught
 * @param codes - codes to accept; any code when empty
 * @returns true for an OpsError with a matching code
 */
export function isOpsError(error: unknown, ...codes: OpsErrorCode[]): error is OpsError {
  return error instanceof OpsError && (codes.length === 0 || codes.includes(error.code));
}

/**
 * The error and every `cause` under it, outermost first (cycles cut), for `--debug`.
 * @param error - anything caught
 * @returns the chain, at least `[error]`
 */
export function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let at: unknown = error;
  while (at !== undefined && at !== null && !chain.includes(at) && chain.length < 16) {
    chain.push(at);
    at = (at as { cause?: unknown }).cause;
  }
  return chain.length === 0 ? [error] : chain;
}
