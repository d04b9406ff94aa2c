import type { ReactNode } from 'react';
import { SupportLink } from '../../components/SupportLink';
import { KeyPlaceholderCard } from './PurchaseChecking';

const SUPPORT = <SupportLink />;

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

/** Processing for longer than the page polls: bank transfers can take days. */
export function PurchaseStillPending({ onCheckAgain }: { onCheckAgain: () => void }) {
  return (
    <div className="container narrow">
      <h1>Your payment is still processing</h1>
      <p className="lead">
        Some payment methods, like bank transfers, take a few days to clear. We will email your
        license key as soon as Stripe confirms the payment, and this page will show it too.
      </p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onCheckAgain}>
          Check again
        </button>
      </div>
      <p>Questions about your payment? Write to {SUPPORT}.</p>
    </div>
  );
}

export function PurchaseRefunded() {
  return (
    <div className="container narrow">
      <h1>This purchase was refunded</h1>
      <p className="lead">
        The payment for this purchase was refunded or disputed, so its license key and downloads are
        no longer available.
      </p>
      <p>If you think this is a mistake, write to {SUPPORT} and we will sort it out.</p>
    </div>
  );
}

export function PurchaseWrongProduct() {
  return (
    <div className="container narrow">
      <h1>This payment is not for Local Memory</h1>
      <p className="lead">
        Stripe knows this payment, but it was for a different product, so there is no Local Memory
        license key for it.
      </p>
      <p>If you paid for Local Memory, write to {SUPPORT} with the email address you paid with.</p>
    </div>
  );
}

/** A failure the buyer can retry: what happened, that the payment is safe, Retry, support. */
function RetryNotice({
  title,
  children,
  onRetry,
  support,
}: {
  title: string;
  children: ReactNode;
  onRetry: () => void;
  support: string;
}) {
  return (
    <div className="container narrow">
      <h1>{title}</h1>
      <div className="notice notice--error" role="alert">
        <p>{children}</p>
      </div>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onRetry}>
          Retry
        </button>
      </div>
      <p>
        {support}, write to {SUPPORT} with the address of this page.
      </p>
    </div>
  );
}

/** The API did not answer (network down, or Stripe slow behind it). The payment is not affected. */
export function ServerUnreachable({ onRetry }: { onRetry: () => void }) {
  return (
    <RetryNotice title="Our server is unreachable" onRetry={onRetry} support="If it keeps failing">
      We couldn't reach our server to check your purchase. Your payment is not affected: try again
      in a moment.
    </RetryNotice>
  );
}

/**
 * Something answered that is not our API (a proxy's or firewall's page, a CDN's 403): the page
 * cannot tell what it means, so it says so instead of guessing a refusal.
 */
export function UnexpectedAnswer({ onRetry }: { onRetry: () => void }) {
  return (
    <RetryNotice
      title="We got an answer we can't read"
      onRetry={onRetry}
      support="If it keeps happening"
    >
      Something between your browser and our server (a proxy, firewall or content filter) answered
      instead of our server. Your payment is not affected: retry, or try another network.
    </RetryNotice>
  );
}
