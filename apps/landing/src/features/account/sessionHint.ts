/**
 * Whether this browser signed in lately, so /account asks the API for purchases only then. The
 * session cookie itself is HttpOnly (the page cannot see it); without this hint every visit would
 * ask, and a visitor who never signed in would get a 401 for nothing. The hint holds only the
 * session's absolute end (`expiresAt` from `POST /api/account/session`), never the address: the
 * API still decides, and a 401 clears it.
 * @module
 */

const KEY = 'lm-account-session-ends';

/** The parts of `Storage` used; tests pass their own. */
export type HintStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function store(): HintStore | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: every visit starts at the sign-in form
  }
}

/**
 * @param nowSeconds - the current time, unix seconds
 * @returns whether a session started in this browser may still be open
 */
export function mayBeSignedIn(nowSeconds: number, storage = store()): boolean {
  try {
    const ends = Number(storage?.getItem(KEY));
    return Number.isFinite(ends) && ends > nowSeconds;
  } catch {
    return false;
  }
}

/** Remember that a session runs until `expiresAt` (unix seconds). */
export function rememberSession(expiresAt: number, storage = store()): void {
  try {
    storage?.setItem(KEY, String(expiresAt));
  } catch {
    // storage full or disabled: the next visit asks to sign in again, nothing worse
  }
}

/** Forget the session (signed out, or the API said it has ended). */
export function forgetSession(storage = store()): void {
  try {
    storage?.removeItem(KEY);
  } catch {
    // as above
  }
}
