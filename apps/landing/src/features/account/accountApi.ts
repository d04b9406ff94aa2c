/**
 * The API's `/api/account` endpoints as /account sees them (docs: the account contract). Every
 * answer becomes one of a fixed set of outcomes, decided by the error's `code` (never by the
 * status alone); a body that is not what the contract says is treated like an unreachable
 * server, never shown half-filled (accountBodies.ts). Nothing the server or the network does
 * throws past here.
 * @module
 */
import {
  ACCOUNT_ERROR_CODES,
  type AccountErrorCode,
  isRecord,
  isSessionBody,
  readError,
} from '@local-memory/contract';
import { parseAccount, parseAccountPurchase } from './accountBodies';
import type {
  AccountOutcome,
  LinkOutcome,
  ReleaseOutcome,
  SessionOutcome,
  SignOutOutcome,
} from './accountTypes';

/** Where the API answers the account: same-origin, which the dev and preview servers proxy. */
export const ACCOUNT_PATH = '/api/account';

/** When `Retry-After` (seconds) says to try again, as unix seconds; null without one. */
function retryAt(response: Response, nowSeconds: number): number | null {
  const header = response.headers.get('retry-after');
  const seconds = header === null ? Number.NaN : Number(header.trim());
  return Number.isFinite(seconds) && seconds >= 0 ? nowSeconds + seconds : null;
}

/** The contract code of the API's error body, or null when the body is not the API's error. */
async function errorCode(response: Response): Promise<AccountErrorCode | null> {
  const body: unknown = await response.json().catch(() => null);
  return readError(body, ACCOUNT_ERROR_CODES)?.code ?? null;
}

async function send(
  path: string,
  init: { readonly method?: 'POST'; readonly body?: unknown } = {},
): Promise<Response | null> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      cache: 'no-store',
      credentials: 'same-origin',
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    return null;
  }
}

/**
 * Ask for a sign-in link. The API answers the same for a buyer and a stranger, and so does the page.
 * @param email - the address the customer typed
 */
export async function requestSignInLink(email: string): Promise<LinkOutcome> {
  const response = await send(`${ACCOUNT_PATH}/link`, { method: 'POST', body: { email } });
  if (response === null) return 'unreachable';
  if (response.status === 202) return 'accepted';
  switch (await errorCode(response)) {
    case 'invalid_request':
      return 'invalid';
    case 'rate_limited':
      return 'rate-limited';
    case 'cross_site':
      return 'refused';
    case 'account_not_configured':
      return 'not-configured';
    default:
      return 'unreachable';
  }
}

/**
 * Trade the link's token for a session (the API sets the session cookie).
 * @param link - the token from the address's `#link=` fragment
 */
export async function startSession(link: string): Promise<SessionOutcome> {
  const response = await send(`${ACCOUNT_PATH}/session`, { method: 'POST', body: { link } });
  if (response === null) return { kind: 'unreachable' };
  if (response.status === 200) {
    const body: unknown = await response.json().catch(() => null);
    if (isSessionBody(body))
      return { kind: 'signed-in', email: body.email, expiresAt: body.expiresAt };
    return { kind: 'unreachable' };
  }
  switch (await errorCode(response)) {
    case 'link_expired':
      return { kind: 'link-expired' };
    case 'link_used':
      return { kind: 'link-used' };
    // A token that is cut short or altered is, for the buyer, a link we do not know.
    case 'link_unknown':
    case 'invalid_request':
      return { kind: 'link-unknown' };
    case 'rate_limited':
      return { kind: 'rate-limited' };
    case 'cross_site':
      return { kind: 'refused' };
    case 'account_not_configured':
      return { kind: 'not-configured' };
    default:
      return { kind: 'unreachable' };
  }
}

/** The signed-in address's purchases (the session cookie goes with the request). */
export async function fetchAccount(): Promise<AccountOutcome> {
  const response = await send(ACCOUNT_PATH);
  if (response === null) return { kind: 'unreachable' };
  if (response.status === 200) {
    const account = parseAccount(await response.json().catch(() => null));
    return account === null ? { kind: 'unreachable' } : { kind: 'account', account };
  }
  switch (await errorCode(response)) {
    case 'not_signed_in':
      return { kind: 'not-signed-in' };
    case 'unavailable':
      return { kind: 'unavailable' };
    case 'rate_limited':
      return { kind: 'rate-limited' };
    case 'account_not_configured':
      return { kind: 'not-configured' };
    default:
      return { kind: 'unreachable' };
  }
}

/**
 * Free a seat: release one machine from a license of the signed-in address.
 * @returns the updated purchase when released
 */
export async function releaseMachine(
  licenseId: string,
  machine: string,
  nowSeconds: number,
): Promise<ReleaseOutcome> {
  const response = await send(`${ACCOUNT_PATH}/machines/release`, {
    method: 'POST',
    body: { licenseId, machine },
  });
  if (response === null) return { kind: 'unreachable' };
  if (response.status === 200) {
    const body: unknown = await response.json().catch(() => null);
    const purchase = isRecord(body) ? parseAccountPurchase(body.purchase) : null;
    return purchase === null ? { kind: 'unreachable' } : { kind: 'released', purchase };
  }
  switch (await errorCode(response)) {
    case 'release_limit':
      return { kind: 'release-limit', nextReleaseAt: retryAt(response, nowSeconds) };
    case 'not_found':
      return { kind: 'not-found' };
    case 'not_signed_in':
      return { kind: 'not-signed-in' };
    case 'rate_limited':
      return { kind: 'rate-limited' };
    case 'cross_site':
      return { kind: 'refused' };
    default:
      return { kind: 'unreachable' };
  }
}

/** End the session on the server. A session that had already ended counts as signed out. */
export async function signOut(): Promise<SignOutOutcome> {
  const response = await send(`${ACCOUNT_PATH}/signout`, { method: 'POST' });
  if (response === null) return 'unreachable';
  if (response.status === 204) return 'signed-out';
  return (await errorCode(response)) === 'not_signed_in' ? 'signed-out' : 'unreachable';
}
