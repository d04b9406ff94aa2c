/**
 * The Success page's first question to the API, asked by the entry script (main.tsx) as soon as
 * the prerendered page has painted, while React and the page's code are still loading: the answer
 * is usually there by the time the page needs it. Server mode only; the hook takes it once.
 * @module
 */
import { purchaseRequest } from './purchasePaths';

let early: { readonly sessionId: string; readonly response: Promise<Response> } | null = null;

/**
 * The shape of a Checkout Session id, checked before anything is sent (the API checks again).
 * Its own copy of download-keys' `isCheckoutSessionId` pattern: this module is in the entry script,
 * and importing the package there adds 1.4 kB (gzip) to what every page loads first.
 */
const SESSION_ID = /^cs_(test|live)_[A-Za-z0-9]{1,250}$/;

/** Ask for the purchase in the address's `session_id` now, if it looks like one. */
export function startEarlyPurchaseRequest(search: string): void {
  const sessionId = new URLSearchParams(search).get('session_id');
  if (sessionId === null || !SESSION_ID.test(sessionId)) return;
  const response = purchaseRequest(sessionId);
  // A failure is the page's to report when it takes the answer; never an unhandled rejection.
  response.catch(() => undefined);
  early = { sessionId, response };
}

/** The early answer for `sessionId`, once; null when there is none (it is then asked anew). */
export function takeEarlyPurchaseResponse(sessionId: string): Promise<Response> | null {
  if (early === null || early.sessionId !== sessionId) return null;
  const { response } = early;
  early = null;
  return response;
}
