/**
 * Why a licensing request is refused. The codes are the API's wire codes (snake_case); the one
 * `onError` maps each to its HTTP status. Nothing else here knows about HTTP.
 * @module
 */

/** Every reason licensing refuses or fails. */
export type LicensingErrorCode =
  | 'invalid_request'
  | 'invalid_license_key'
  | 'invalid_lease'
  | 'license_not_found'
  | 'activation_not_found'
  | 'activation_limit'
  | 'revoked'
  | 'deactivated'
  | 'licensing_unavailable';

/** The HTTP status each code answers with. */
export const LICENSING_STATUS: Readonly<Record<LicensingErrorCode, 400 | 403 | 404 | 410 | 503>> = {
  invalid_request: 400,
  invalid_license_key: 400,
  invalid_lease: 400,
  license_not_found: 404,
  activation_not_found: 404,
  activation_limit: 403,
  revoked: 410,
  deactivated: 410,
  licensing_unavailable: 503,
};

/** A refusal with a sentence that says what the buyer can do, and optional details for clients. */
export class LicensingError extends Error {
  override readonly name = 'LicensingError';
  constructor(
    readonly code: LicensingErrorCode,
    message: string,
    /** Extra members of the error body (the active machines of `activation_limit`). */
    readonly details?: Readonly<Record<string, unknown>>,
    options?: { cause?: unknown; retryAfter?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfter = options?.retryAfter;
  }
  /** Seconds after which trying again makes sense (outages). */
  readonly retryAfter: number | undefined;
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
