/**
 * Retries for HTTP fetches (the dispatch's artifacts) with `p-retry`: exponential backoff with
 * jitter, only for failures that can succeed on a second try (network errors, throttling, 5xx).
 * S3 requests are retried by the AWS SDK's own standard strategy instead (see s3Store.ts).
 * @module
 */
import pRetry from 'p-retry';
import { OpsError } from './errors.js';

export interface RetryOptions {
  /** Attempts in all, the first included. Default 4. */
  readonly attempts?: number;
  /** First delay in milliseconds; doubles each time. Default 250. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly onRetry?: (attempt: number, error: unknown) => void;
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Whether a failure is worth another attempt: an {@link OpsError} marked `retryable`, or an AWS SDK
 * or network error that can succeed on a second try. Node's fetch wraps the socket error: the code
 * is in `error.cause.code` (`TypeError: fetch failed`), so both places are read.
 * @param error - anything caught
 * @returns true for network errors, timeouts, throttling and 5xx
 */
export function isRetryable(error: unknown): boolean {
  // Our own failures say so themselves (an HTTP 503 answer, an idle timeout).
  if (error instanceof OpsError) return error.retryable;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as {
    name?: string;
    code?: string;
    cause?: { code?: string; name?: string };
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
  };
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || status === 429 || status === 408;
  if (e.code !== undefined && TRANSIENT_CODES.has(e.code)) return true;
  if (e.cause?.code !== undefined && TRANSIENT_CODES.has(e.cause.code)) return true;
  return ['TimeoutError', 'RequestTimeout', 'SlowDown', 'ServiceUnavailable'].includes(
    e.name ?? e.cause?.name ?? '',
  );
}

/**
 * Run `operation` with retries on {@link isRetryable} failures. The error of the last attempt is
 * thrown with `$attempts` set, so messages can say how hard we tried.
 * @param operation - receives the attempt number (1-based)
 * @param options - attempts and delays
 * @returns what `operation` returns
 * @example
 * const body = await withRetry(() => fetch(url).then((r) => r.text()));
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  let attempt = 0;
  try {
    return await pRetry(
      () => {
        attempt++;
        return operation(attempt);
      },
      {
        retries: attempts - 1,
        minTimeout: options.baseDelayMs ?? 250,
        maxTimeout: options.maxDelayMs ?? 5_000,
        factor: 2,
        randomize: true,
        shouldRetry: ({ error }) => isRetryable(error),
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft > 0 && isRetryable(error)) options.onRetry?.(attemptNumber, error);
        },
      },
    );
  } catch (error) {
    if (typeof error === 'object' && error !== null && attempt > 1)
      Object.assign(error, { $attempts: attempt });
    throw error;
  }
}
