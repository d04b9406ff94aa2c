/**
 * The sign-in link's token, read from the address's fragment (`/account#link=…`: a fragment never
 * reaches a server log or a Referer) and removed from the address before anything else happens,
 * so it is not left in the history, a bookmark or a shared screenshot.
 * @module
 */

/** The parts of `window` this reads and changes; tests pass their own. */
export interface AddressBar {
  readonly location: { readonly pathname: string; readonly search: string; readonly hash: string };
  readonly history: { replaceState(data: unknown, unused: string, url: string): void };
}

/** The API decides what a token is; this only refuses what cannot be one (empty, huge, spaced). */
const TOKEN = /^[\x21-\x7e]{1,2048}$/;

/**
 * Take the sign-in token out of the address: returned once, and the fragment is gone after.
 * @param bar - `window`
 * @returns the token; `''` when the fragment holds `link=` with something that is not a token
 *   (the page says the link is not one we know); null when the address has no sign-in link
 */
export function takeSignInToken(bar: AddressBar): string | null {
  const hash = bar.location.hash;
  if (!hash.startsWith('#link=')) return null;
  bar.history.replaceState(null, '', bar.location.pathname + bar.location.search);
  let token: string;
  try {
    token = decodeURIComponent(hash.slice('#link='.length));
  } catch {
    return '';
  }
  return TOKEN.test(token) ? token : '';
}
