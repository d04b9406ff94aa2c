/**
 * Why a licensing request is refused. The codes are the API's wire codes (snake_case); the one
 * `onError` maps each to its HTTP status. Nothing else here knows about HTTP.
 * @module
 */

import { ApiError, type ApiErrorOptions, type LicensingErrorCode } from '../errors.js';

export type { LicensingErrorCode } from '../errors.js';

/** A refusal with a sentence that says what the buyer can do, and optional details for clients. */
export class LicensingError extends ApiError<LicensingErrorCode> {
  override readonly name: string = 'LicensingError';
  /**
   * @param code - the machine-readable code
   * @param message - what went wrong and what to do
   * @param details - extra members of the error body (the active machines of `activation_limit`)
   * @param options - the cause, and when a retry makes sense
   */
  constructor(
    code: LicensingErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
    options: ApiErrorOptions = {},
  ) {
    super(code, message, options);
  }
}

/** Whether `error` is a {@link LicensingError}. */
export function isLicensingError(error: unknown): error is LicensingError {
  return error instanceof LicensingError;
}

/** The ledger could not be reached: retry in a minute. */
export function licensingUnavailable(error: unknown): LicensingError {
  const kind = error instanceof Error ? error.name : typeof error;
  return new LicensingError(
    'licensing_unavailable',
    `the license ledger could not be reached (${kind}); try again in a minute`,
    undefined,
    { cause: error, retryAfter: 30 },
  );
}
