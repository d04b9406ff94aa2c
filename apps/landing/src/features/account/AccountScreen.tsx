import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { SupportLink } from '../../components/SupportLink';
import { LinkProblemNotice, LinkSent, SignInCard } from './SignIn';
import { useAccount } from './useAccount';

const SUPPORT = <SupportLink />;

/** The heading and lead every state shares, so the page does not jump between states. */
function AccountFrame({ busy = false, children }: { busy?: boolean; children: ReactNode }) {
  return (
    <div className="container narrow account" aria-busy={busy ? 'true' : undefined}>
      <h1>Your purchases</h1>
      <p className="lead">
        Every Local Memory purchase made with your email address: license keys, downloads, the
        machines each license is on, and receipts.
      </p>
      {children}
    </div>
  );
}

/** A deployment without accounts: say where the key really is. */
function AccountsOff() {
  return (
    <AccountFrame>
      <div className="notice" role="status">
        <h2>Signing in is not available on this site</h2>
        <p>
          This site does not offer purchase accounts at the moment. Your license key is in the email
          we sent when you paid, with a link back to your download page. Can't find it? The page you
          reached after paying can send it again, or write to {SUPPORT} with the email address you
          paid with.
        </p>
      </div>
    </AccountFrame>
  );
}

/** Browser-fulfilment sites have no API, so no accounts: say where the key really is. */
export function AccountsNotOnThisSite() {
  return (
    <AccountFrame>
      <p className="notice">
        This site keeps no purchase accounts. Your license key and downloads are on the page you
        were sent to after paying (its address has <code>/success?session_id=cs_</code> in it):
        bookmark it. Lost it? Write to {SUPPORT} with the email address you paid with.
      </p>
    </AccountFrame>
  );
}

function Progress({ text }: { text: string }) {
  return (
    <div className="card">
      <p className="status" role="status">
        {text}
      </p>
    </div>
  );
}

// The purchases' code (keys, downloads, machines) loads once someone signs in: a first visit, at
// the sign-in form, downloads none of it.
const loadSignedIn = () => import('./SignedIn');
const SignedIn = lazy(loadSignedIn);

/** /account: sign in by email link, then every purchase of that address. */
export function AccountScreen() {
  const { view, requestLink, askAgain, retry, release, signOut } = useAccount();
  const expectingPurchases = view.kind === 'signing-in' || view.kind === 'loading';
  useEffect(() => {
    // Fetched while the API answers, so the purchases show as soon as they arrive.
    if (expectingPurchases) void loadSignedIn();
  }, [expectingPurchases]);
  switch (view.kind) {
    case 'sign-in':
      return (
        <AccountFrame>
          {view.notice === 'session-ended' ? (
            <p className="notice" role="status">
              You are signed out: a session ends after 30 minutes without use, or 12 hours after
              signing in. Ask for a new link to come back.
            </p>
          ) : null}
          {view.notice === 'signed-out' ? (
            <p className="notice" role="status">
              You have signed out. Ask for a new link to come back.
            </p>
          ) : null}
          <SignInCard onRequest={requestLink} />
          <noscript>
            <p className="notice">
              Signing in needs JavaScript: please turn it on for this page, or write to us for your
              key.
            </p>
          </noscript>
        </AccountFrame>
      );
    case 'link-sent':
      return (
        <AccountFrame>
          <LinkSent email={view.email} onAskAgain={askAgain} />
        </AccountFrame>
      );
    case 'signing-in':
      return (
        <AccountFrame busy>
          <Progress text="Signing you in…" />
        </AccountFrame>
      );
    case 'link-problem':
      return (
        <AccountFrame>
          <LinkProblemNotice problem={view.problem} onRequest={requestLink} />
        </AccountFrame>
      );
    case 'loading':
      return (
        <AccountFrame busy>
          <Progress text="Loading your purchases…" />
        </AccountFrame>
      );
    case 'unavailable':
      return (
        <AccountFrame>
          <div className="notice notice--error" role="alert">
            <h2>We can't show your purchases right now</h2>
            <p>
              {view.reason === 'unavailable'
                ? 'Stripe or our purchase records are not answering at the moment.'
                : view.reason === 'rate-limited'
                  ? 'There have been many requests from your network in a short time.'
                  : "We couldn't reach our server."}{' '}
              Your purchases, keys and downloads are safe: try again in a minute.
            </p>
          </div>
          <div className="actions">
            <button type="button" className="button button--primary" onClick={() => void retry()}>
              Try again
            </button>
          </div>
          <p>If it keeps failing, write to {SUPPORT}.</p>
        </AccountFrame>
      );
    case 'not-configured':
      return <AccountsOff />;
    case 'signed-in':
      return (
        <AccountFrame>
          <Suspense fallback={<Progress text="Loading your purchases…" />}>
            <SignedIn account={view.account} onRelease={release} onSignOut={signOut} />
          </Suspense>
        </AccountFrame>
      );
  }
}
