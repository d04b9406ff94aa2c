/**
 * The API's purchase endpoints as the Success page sees them (server mode). Every answer becomes
 * one of a fixed set of outcomes; nothing the server or the network does throws past here.
 * @module
 */

import { takeEarlyPurchaseResponse } from './earlyRequest';
import { PURCHASES_PATH, purchaseRequest } from './purchasePaths';

/** One download the API offers; `url` is the API's own `/api/downloads/…`, checked per click. */
export interface PurchaseDownload {
  readonly platform: string;
  readonly filename: string;
  readonly url: string;
}

/** A paid purchase, as `GET /api/purchases/:sessionId` answers it. */
export interface Purchase {
  readonly sessionId: string;
  readonly licenseKey: string;
  readonly activationCommand: string;
  /** Minor units (cents). */
  readonly amount: number;
  /** ISO 4217, lower case as Stripe has it. */
  readonly currency: string;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Masked by the API, e.g. `j•••@example.com`; null when Stripe has no address for the buyer. */
  readonly email: string | null;
  readonly downloads: readonly PurchaseDownload[];
}

export type PurchaseOutcome =
  | { readonly kind: 'paid'; readonly purchase: Purchase }
  | { readonly kind: 'pending'; readonly retryAfterSeconds: number | null }
  | { readonly kind: 'refunded' }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'wrong-product' }
  | { readonly kind: 'unreachable' };

const STATUS_OUTCOME: Readonly<Record<number, PurchaseOutcome>> = {
  400: { kind: 'invalid' },
  403: { kind: 'wrong-product' },
  404: { kind: 'not-found' },
  410: { kind: 'refunded' },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseDownloads(value: unknown): PurchaseDownload[] | null {
  if (!Array.isArray(value)) return null;
  const downloads: PurchaseDownload[] = [];
  for (const entry of value) {
    if (
      !isRecord(entry) ||
      typeof entry.platform !== 'string' ||
      typeof entry.filename !== 'string' ||
      typeof entry.url !== 'string' ||
      // Only our own download route: a link the page renders must never leave the site.
      !entry.url.startsWith('/api/downloads/')
    )
      return null;
    downloads.push({ platform: entry.platform, filename: entry.filename, url: entry.url });
  }
  return downloads;
}

/**
 * Check the shape of a 200 body. A body that is not a purchase is treated like an unreachable
 * server (something between us and the API answered), never shown half-filled.
 * @param body - the parsed JSON
 * @returns the purchase, or null when the body is not one
 */
export function parsePurchase(body: unknown): Purchase | null {
  if (!isRecord(body)) return null;
  const { sessionId, licenseKey, activationCommand, amount, currency, createdAt, email } = body;
  const downloads = parseDownloads(body.downloads);
  if (
    typeof sessionId !== 'string' ||
    typeof licenseKey !== 'string' ||
    licenseKey === '' ||
    typeof activationCommand !== 'string' ||
    typeof amount !== 'number' ||
    !Number.isInteger(amount) ||
    typeof currency !== 'string' ||
    !/^[a-z]{3}$/i.test(currency) ||
    typeof createdAt !== 'number' ||
    (typeof email !== 'string' && email !== null) ||
    body.refunded === true ||
    downloads === null
  )
    return null;
  return {
    sessionId,
    licenseKey,
    activationCommand,
    amount,
    currency,
    createdAt,
    email,
    downloads,
  };
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
 * Ask the API about a purchase.
 * @param sessionId - a well-formed Checkout Session id (see readSessionId)
 * @param options.fetch - the network, for tests; `fetch` by default
 * @param options.signal - aborts the request (the page went away)
 * @returns what the page should show; network failures and 5xx are `unreachable`
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
  if (response.status === 409) return { kind: 'pending', retryAfterSeconds: retryAfter(response) };
  const known = STATUS_OUTCOME[response.status];
  if (known !== undefined) return known;
  if (response.status !== 200) return { kind: 'unreachable' };
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
    if (response.status === 202 || response.status === 200) return 'accepted';
    if (response.status === 429) return 'rate-limited';
    return 'unreachable';
  } catch {
    return 'unreachable';
  }
}
