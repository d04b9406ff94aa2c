/**
 * Up to three attempts per request with exponential backoff and full jitter. Only failures that
 * can succeed on a second try are retried (network errors, throttling, 5xx); access denied or a
 * missing bucket fail at once.
 * @module
 */

export interface RetryOptions {
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Injected for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly onRetry?: (attempt: number, error: unknown, delayMs: number) => void;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether an error from the AWS SDK (or fetch / the file system) is worth another attempt. */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as {
    name?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
  };
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || status === 429 || status === 408;
  const transient = [
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
  ];
  if (e.code !== undefined && transient.includes(e.code)) return true;
  return [
    'TimeoutError',
    'RequestTimeout',
    'SlowDown',
    'InternalError',
    'ServiceUnavailable',
    'NetworkingError',
    'Unknown',
  ].includes(e.name ?? '');
}

/**
 * Run `operation` with retries.
 * @param operation - receives the attempt number (1-based)
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 3;
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 5_000;
  const sleep = options.sleep ?? sleepFor;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) {
        // Let the message say how hard we tried.
        if (typeof error === 'object' && error !== null && attempt > 1)
          Object.assign(error, { $attempts: attempt });
        throw error;
      }
      const delay = Math.round(random() * Math.min(max, base * 2 ** (attempt - 1)));
      options.onRetry?.(attempt, error, delay);
      await sleep(delay);
    }
  }
}
