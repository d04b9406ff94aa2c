/**
 * One deadline for a whole Stripe call. The SDK's own retries each get a fresh `timeout` (so
 * `STRIPE_TIMEOUT_MS=8000` with one retry gave up after 16.5 s); here the SDK makes no retries and
 * this HTTP client retries instead, within what is left of the budget. The fetch client's timer
 * covers the body read too, so the budget is the whole call.
 * @module
 */
import Stripe from 'stripe';

type RequestHeaders = Parameters<Stripe.HttpClient['makeRequest']>[4];
type Response = Stripe.HttpClientResponse;

/** How the deadline client behaves; tests pass a small budget. */
export interface DeadlineOptions {
  /** Milliseconds for the whole call, attempts and pauses included. */
  readonly budgetMs: number;
  /** Attempts at most (default 2). */
  readonly attempts?: number;
  /** The HTTP client making each attempt (default: the SDK's fetch client). */
  readonly inner?: Stripe.HttpClient;
}

/** Whether Stripe's answer asks to be tried again (the SDK's rule: 409, 5xx, `Stripe-Should-Retry`). */
function retryableStatus(response: Response): boolean {
  const hint = response.getHeaders()['stripe-should-retry'];
  if (hint === 'false') return false;
  if (hint === 'true') return true;
  const status = response.getStatusCode();
  return status === 409 || status >= 500;
}

/** A failure the SDK should report as is: never a code the SDK retries on its own (ECONNRESET, EPIPE). */
function final(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && Stripe.HttpClient.CONNECTION_CLOSED_ERROR_CODES.includes(code)) {
    return Object.assign(new Error(`connection to Stripe closed (${code})`, { cause: error }), {
      code: 'ECONNABORTED',
    });
  }
  return error;
}

/**
 * An HTTP client for the Stripe SDK that keeps every call inside one budget. Use it with
 * `maxNetworkRetries: 0`: it retries a failed connection, a 409 or a 5xx itself (POSTs carry the
 * SDK's idempotency key, so a retry is safe) while the remaining budget allows.
 */
export class DeadlineHttpClient extends Stripe.HttpClient {
  readonly #budgetMs: number;
  readonly #attempts: number;
  readonly #inner: Stripe.HttpClient;

  constructor(options: DeadlineOptions) {
    super();
    this.#budgetMs = options.budgetMs;
    this.#attempts = options.attempts ?? 2;
    this.#inner = options.inner ?? Stripe.createFetchHttpClient();
  }

  override getClientName(): string {
    return `deadline-${this.#inner.getClientName()}`;
  }

  override async makeRequest(
    host: string,
    port: string,
    path: string,
    method: string,
    headers: RequestHeaders,
    requestData: string,
    protocol: string,
  ): Promise<Response> {
    const deadline = performance.now() + this.#budgetMs;
    // The SDK's first pause is 0.5 s; scaled down for small budgets so a retry still fits.
    const pause = Math.min(500, this.#budgetMs / 10);
    for (let attempt = 1; ; attempt++) {
      const remaining = Math.floor(deadline - performance.now());
      if (remaining <= 0) throw Stripe.HttpClient.makeTimeoutError();
      const last = attempt >= this.#attempts || remaining <= pause;
      let response: Response;
      try {
        response = await this.#inner.makeRequest(
          host,
          port,
          path,
          method,
          headers,
          requestData,
          protocol,
          remaining,
        );
      } catch (error) {
        const timedOut =
          (error as { code?: unknown } | null)?.code === Stripe.HttpClient.TIMEOUT_ERROR_CODE;
        if (last || timedOut) throw final(error);
        await new Promise((resolve) => setTimeout(resolve, pause));
        continue;
      }
      if (last || !retryableStatus(response)) return response;
      response.dispose?.();
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
