/**
 * The API's purchase endpoints as the Success page sees them (server mode), read through
 * `@local-memory/contract`. Every answer becomes one of a fixed set of outcomes, decided by the
 * error's `code`, never by the status alone; nothing the server or the network does throws past
 * here.
 * @module
 */
import {
  isAcceptedBody,
  isPurchaseBody,
  PURCHASE_LOOKUP_ERROR_CODES,
  type PurchaseBody,
  type PurchaseDownloadBody,
  type PurchaseLookupErrorCode,
  readError,
} from '@local-memory/contract';
import { takeEarlyPurchaseResponse } from './earlyRequest';
import { PURCHASES_PATH, purchaseRequest } from './purchasePaths';

/** One download the API offers; `url` is the API's own `/api/downloads/…`, checked per click. */
export type PurchaseDownload = PurchaseDownloadBody;

/** A paid purchase, as `GET /api/purchases/:sessionId` answers it. */
export type Purchase = PurchaseBody;

export type PurchaseOutcome =
  | { readonly kind: 'paid'; readonly purchase: Purchase }
  | { readonly kind: 'pending'; readonly retryAfterSeconds: number | null }
  | { readonly kind: 'refunded' }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'wrong-product' }
  | { readonly kind: 'unreachable' }
  /** An answer that is not the API's (no contract code): a proxy's or CDN's page. */
  | { readonly kind: 'unexpected' };

type Kind = PurchaseOutcome['kind'];

/** Each code the route answers → what the page shows. A new code is a type error here. */
export const CODE_OUTCOME: Readonly<Record<PurchaseLookupErrorCode, Exclude<Kind, 'paid'>>> = {
  payment_pending: 'pending',
  refunded: 'refunded',
  not_found: 'not-found',
  invalid_session_id: 'invalid',
  bad_request: 'invalid',
  wrong_product: 'wrong-product',
  upstream_unavailable: 'unreachable',
  rate_limited: 'unreachable',
  internal_error: 'unreachable',
  // The API refused a request that did not come through the site's CDN: not the buyer's doing.
  origin_not_verified: 'unexpected',
};

/**
 * Check the shape of a 200 body. A body that is not a purchase is treated like an unreachable
 * server (something between us and the API answered), never shown half-filled.
 * @param body - the parsed JSON
 * @returns the purchase, or null when the body is not one
 */
export function parsePurchase(body: unknown): Purchase | null {
  return isPurchaseBody(body) ? body : null;
}

function retryAfter(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (header === null) return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}

/**
 * The outcome of an answer that is not a 200: by its contract code; without one, a gateway's 5xx
 * is an unreachable API and anything else an unexpected answer (never a guessed refusal).
 */
async function refusal(response: Response): Promise<PurchaseOutcome> {
  const body: unknown = await response.json().catch(() => null);
  const error = readError(body, PURCHASE_LOOKUP_ERROR_CODES);
  if (error === null) return { kind: response.status >= 500 ? 'unreachable' : 'unexpected' };
  const kind = CODE_OUTCOME[error.code];
  return kind === 'pending' ? { kind, retryAfterSeconds: retryAfter(response) } : { kind };
}

/**
 * Ask the API about a purchase.
 * @param sessionId - a well-formed Checkout Session id (see readSessionId)
 * @param options.fetch - the network, for tests; `fetch` by default
 * @param options.signal - aborts the request (the page went away)
 * @returns what the page should show; network failures and the API's outages are `unreachable`
 * @throws only the abort error when `signal` aborts
 */
export async function fetchPurchase(
  sessionId: string,
  options: { readonly fetch?: typeof fetch; readonly signal?: AbortSignal } = {},
): Promise<PurchaseOutcome> {
  // The entry script may have asked already (earlyRequest.ts): that answer is used once.
  const early = options.fetch ? null : takeEarlyPurchaseResponse(sessionId);
  let response: Response;
  try {
    response = await (early ?? purchaseRequest(sessionId, options));
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { kind: 'unreachable' };
  }
  if (response.status !== 200) return refusal(response);
  const body: unknown = await response.json().catch(() => null);
  const purchase = parsePurchase(body);
  return purchase === null ? { kind: 'unreachable' } : { kind: 'paid', purchase };
}

export type ResendOutcome = 'accepted' | 'rate-limited' | 'unreachable';

/**
 * Ask the API to email the license keys bought with `email` to that address. The API answers
 * the same whether or not the address bought anything.
 * @param email - the address the customer typed
 * @param options.fetch - the network, for tests
 */
export async function requestResend(
  email: string,
  options: { readonly fetch?: typeof fetch } = {},
): Promise<ResendOutcome> {
  const fetchImpl = options.fetch ?? fetch;
  try {
    const response = await fetchImpl(`${PURCHASES_PATH}/resend`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email }),
    });
    const body: unknown = await response.json().catch(() => null);
    if (isAcceptedBody(body)) return 'accepted';
    return readError(body, ['rate_limited'])?.code === 'rate_limited'
      ? 'rate-limited'
      : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
