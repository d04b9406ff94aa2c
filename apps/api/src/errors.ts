/**
 * The one error model of the API: {@link ApiError} with a code from {@link ApiErrorCode} and the
 * error it explains kept as `cause`. Wire codes (what a client reads in `{ "error": { "code" } }`)
 * are snake_case, as Stripe writes them; start-up codes (configuration, signing keys), which never
 * reach the wire, are SCREAMING_SNAKE like the libraries' and CLIs' codes (docs/errors.md).
 * The wire codes are the contract's (@local-memory/contract), so the API cannot answer a code its
 * clients do not know. Nothing here knows HTTP: `routes/errors.ts` maps each wire code to its status.
 * @module
 */
import type {
  AccountErrorCode,
  RequestErrorCode as AnyRouteErrorCode,
  CheckoutErrorCode,
  ApiErrorCode as ContractErrorCode,
  FulfilmentErrorCode,
  LicensingErrorCode,
  WebhookErrorCode,
} from '@local-memory/contract';

/**
 * Refusals of how a request was made, before any feature reads it (origin, body, signature): the
 * contract's codes of any route, of checkout and of the webhook.
 */
export type RequestErrorCode = AnyRouteErrorCode | CheckoutErrorCode | WebhookErrorCode;

export type { AccountErrorCode, FulfilmentErrorCode, LicensingErrorCode };

/** Every code a client can read on the wire (snake_case): the contract's list, nothing more. */
export type WireErrorCode = ContractErrorCode;

/** Why the API cannot start; never on the wire (SCREAMING_SNAKE). */
export type StartupErrorCode = 'INVALID_CONFIG' | 'INVALID_SIGNING_KEY';

/** Every code an {@link ApiError} carries. */
export type ApiErrorCode = WireErrorCode | StartupErrorCode;

/** What an {@link ApiError} may carry besides its code and message. */
export interface ApiErrorOptions {
  /** The error this one explains; kept so the log shows the whole chain. */
  readonly cause?: unknown;
  /** Seconds after which trying again makes sense (pending payments, outages, rate limits). */
  readonly retryAfter?: number;
}

/** A refusal or a failure, with a sentence that says what the caller can do. */
export class ApiError<Code extends ApiErrorCode = ApiErrorCode> extends Error {
  override readonly name: string = 'ApiError';
  readonly code: Code;
  /** Seconds after which trying again makes sense; `Retry-After` on the wire. */
  readonly retryAfter: number | undefined;

  /**
   * @param code - the machine-readable code
   * @param message - what went wrong and what to do
   * @param options - the cause, and when a retry makes sense
   */
  constructor(code: Code, message: string, options: ApiErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    this.retryAfter = options.retryAfter;
  }
}

/** A refusal of how the request was made (origin, body, signature, unknown path). */
export class RequestError extends ApiError<RequestErrorCode> {
  override readonly name: string = 'RequestError';
}

/** Whether `error` is an {@link ApiError} with a wire code, i.e. one a client may read. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
