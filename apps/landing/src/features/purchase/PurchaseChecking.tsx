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

/**
 * Stripe has not confirmed the payment yet (bank transfers and similar): the key card keeps its
 * place and the lead, a live region, says what is happening.
 */
export function PurchaseProcessing() {
  return (
    <div className="container narrow success" aria-busy="true">
      <h1>Your payment is processing</h1>
      <p className="lead" role="status">
        Stripe has not confirmed this payment yet (bank transfers and some other methods take a
        while). This page checks again by itself and shows your license key as soon as Stripe
        confirms it; we email it to you too.
      </p>
      <KeyPlaceholderCard />
    </div>
  );
}
