import { useState } from 'react';
import { SiteLink } from '../../components/SiteLink';
import type { Account, ReleaseOutcome } from './accountTypes';
import { PurchaseEntry } from './PurchaseEntry';

/** What the signed-in view is given by the account screen. */
export interface SignedInProps {
  readonly account: Account;
  readonly onRelease: (licenseId: string, machine: string) => Promise<ReleaseOutcome>;
  readonly onSignOut: () => Promise<boolean>;
}

/** Signed in: who, sign out, and every purchase of the address (or that there is none). */
export default function SignedIn({ account, onRelease, onSignOut }: SignedInProps) {
  const [signOutFailed, setSignOutFailed] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const leave = async () => {
    setLeaving(true);
    const done = await onSignOut();
    setLeaving(false);
    setSignOutFailed(!done);
  };
  return (
    <>
      <div className="account-bar">
        <p>
          Signed in as <strong>{account.email}</strong>
        </p>
        <button type="button" className="button" onClick={() => void leave()} disabled={leaving}>
          {leaving ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
      {signOutFailed ? (
        <p className="notice notice--error" role="alert">
          We couldn't reach our server to sign you out. Try again in a minute; your session also
          ends by itself after 30 minutes without use.
        </p>
      ) : null}
      {account.purchases.length === 0 ? (
        <section className="card" aria-labelledby="no-purchases-heading">
          <h2 id="no-purchases-heading">No purchases for this address</h2>
          <p>
            Stripe has no Local Memory purchase paid with {account.email}. If you paid with another
            address, sign out and ask for a link for that one.
          </p>
          <p>
            Not bought Local Memory yet? <SiteLink to="/pricing">See pricing</SiteLink>.
          </p>
        </section>
      ) : (
        account.purchases.map((purchase) => (
          <PurchaseEntry key={purchase.sessionId} purchase={purchase} onRelease={onRelease} />
        ))
      )}
    </>
  );
}
