import type { ReactNode } from 'react';
import { PaidFrame } from './PaidFrame';

/** Same characters as a key (`LM-XXXX-…`), so the placeholder takes the key's exact room. */
const KEY_SHAPE = 'LM-0000-0000-0000-0000-0000';

/**
 * The key card before there is a key: a placeholder of the key's size, and what is happening
 * (`status`, announced) or anything else the card should say meanwhile (`children`).
 */
export function KeyPlaceholderCard({
  status,
  children,
}: {
  status?: string;
  children?: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby="key-heading">
      <h2 id="key-heading">Your license key</h2>
      <p className="license-key license-key--placeholder" aria-hidden="true">
        {KEY_SHAPE}
      </p>
      {status === undefined ? null : (
        <p className="status" role="status">
          {status}
        </p>
      )}
      {children}
    </section>
  );
}

/**
 * Server mode while the API asks Stripe (and its prerendered document): the paid page's own
 * heading and lead, and the key card with a placeholder, so the page does not move when the key
 * arrives.
 */
export function PurchaseChecking() {
  return (
    <PaidFrame fulfilment="server" busy>
      <KeyPlaceholderCard status="Checking your payment with Stripe…" />
    </PaidFrame>
  );
}
