import { useCallback, useEffect, useRef, useState } from 'react';
import {
  fetchAccount,
  releaseMachine,
  requestSignInLink,
  signOut,
  startSession,
} from './accountApi';
import type { Account, LinkOutcome, ReleaseOutcome } from './accountTypes';
import { forgetSession, mayBeSignedIn, rememberSession } from './sessionHint';
import { takeSignInToken } from './signInLink';

/** Why the sign-in link did not sign the buyer in. */
export type LinkProblem =
  | 'expired'
  | 'used'
  | 'unknown'
  | 'rate-limited'
  | 'refused'
  | 'unreachable';

const nowSeconds = () => Date.now() / 1000;

/** What /account shows. */
export type AccountView =
  /** The sign-in form; `notice` says why it is back, when it is. */
  | { readonly kind: 'sign-in'; readonly notice: 'session-ended' | 'signed-out' | null }
  /** "Check your email", the same whoever asked. */
  | { readonly kind: 'link-sent'; readonly email: string }
  /** The link's token is being traded for a session. */
  | { readonly kind: 'signing-in' }
  | { readonly kind: 'link-problem'; readonly problem: LinkProblem }
  | { readonly kind: 'loading' }
  | { readonly kind: 'signed-in'; readonly account: Account }
  /** The API answered 503 (`unavailable`), 429 (`rate-limited`) or not at all (`unreachable`). */
  | {
      readonly kind: 'unavailable';
      readonly reason: 'unavailable' | 'rate-limited' | 'unreachable';
    }
  /** This deployment runs without accounts (`account_not_configured`). */
  | { readonly kind: 'not-configured' };

const LINK_PROBLEM = {
  'link-expired': 'expired',
  'link-used': 'used',
  'link-unknown': 'unknown',
  'rate-limited': 'rate-limited',
  refused: 'refused',
  unreachable: 'unreachable',
} as const satisfies Record<string, LinkProblem>;

/**
 * /account's state and what the buyer can do. Before it runs (the prerendered page, hydration)
 * the view is the sign-in form. Once mounted: a `#link=` token is taken out of the address and
 * traded for a session, then the purchases are fetched; otherwise they are fetched only when this
 * browser signed in lately (sessionHint.ts), else the form stays.
 */
export function useAccount() {
  const [view, setView] = useState<AccountView>({ kind: 'sign-in', notice: null });
  const started = useRef(false);

  const load = useCallback(async () => {
    setView({ kind: 'loading' });
    const outcome = await fetchAccount();
    switch (outcome.kind) {
      case 'account':
        setView({ kind: 'signed-in', account: outcome.account });
        return;
      case 'not-signed-in':
        forgetSession();
        setView({ kind: 'sign-in', notice: 'session-ended' });
        return;
      case 'not-configured':
        setView({ kind: 'not-configured' });
        return;
      default:
        setView({ kind: 'unavailable', reason: outcome.kind });
    }
  }, []);

  const signInWith = useCallback(
    async (token: string) => {
      if (token === '') {
        setView({ kind: 'link-problem', problem: 'unknown' });
        return;
      }
      setView({ kind: 'signing-in' });
      const outcome = await startSession(token);
      if (outcome.kind === 'not-configured') {
        setView({ kind: 'not-configured' });
        return;
      }
      if (outcome.kind !== 'signed-in') {
        setView({ kind: 'link-problem', problem: LINK_PROBLEM[outcome.kind] });
        return;
      }
      rememberSession(outcome.expiresAt);
      await load();
    },
    [load],
  );

  useEffect(() => {
    // Once per page, also under StrictMode's second run: a token is single use, so the exchange
    // must not be started twice or abandoned half-way.
    if (started.current) return;
    started.current = true;
    const token = takeSignInToken(window);
    if (token !== null) void signInWith(token);
    else if (mayBeSignedIn(nowSeconds())) void load();
  }, [load, signInWith]);

  useEffect(() => {
    // A link opened in this same tab while the page is open changes only the fragment.
    const onHashChange = () => {
      const token = takeSignInToken(window);
      if (token !== null) void signInWith(token);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [signInWith]);

  const requestLink = useCallback(async (email: string): Promise<LinkOutcome> => {
    const outcome = await requestSignInLink(email);
    if (outcome === 'accepted') setView({ kind: 'link-sent', email });
    if (outcome === 'not-configured') setView({ kind: 'not-configured' });
    return outcome;
  }, []);

  /** Back to the form (another address, or a new link). */
  const askAgain = useCallback(() => setView({ kind: 'sign-in', notice: null }), []);

  const release = useCallback(
    async (licenseId: string, machine: string): Promise<ReleaseOutcome> => {
      const outcome = await releaseMachine(licenseId, machine, nowSeconds());
      if (outcome.kind === 'released') {
        const updated = outcome.purchase;
        setView((current) =>
          current.kind === 'signed-in'
            ? {
                kind: 'signed-in',
                account: {
                  ...current.account,
                  purchases: current.account.purchases.map((p) =>
                    p.sessionId === updated.sessionId ? updated : p,
                  ),
                },
              }
            : current,
        );
      } else if (outcome.kind === 'not-signed-in') {
        forgetSession();
        setView({ kind: 'sign-in', notice: 'session-ended' });
      } else if (outcome.kind === 'not-found') {
        // The list was out of date (released elsewhere, or the machine went): show it as it is.
        const fresh = await fetchAccount();
        if (fresh.kind === 'account') setView({ kind: 'signed-in', account: fresh.account });
      }
      return outcome;
    },
    [],
  );

  /** Sign out; when our server cannot be reached the session stays, and the caller says so. */
  const leave = useCallback(async (): Promise<boolean> => {
    if ((await signOut()) === 'unreachable') return false;
    forgetSession();
    setView({ kind: 'sign-in', notice: 'signed-out' });
    return true;
  }, []);

  return { view, requestLink, askAgain, retry: load, release, signOut: leave };
}
