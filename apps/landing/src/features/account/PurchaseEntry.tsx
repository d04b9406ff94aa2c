import { type ReactNode, useId } from 'react';
import { ActivationField, LicenseKeyField } from '../../components/PurchaseCards';
import { formatAmount, formatPurchaseDate } from '../../components/receipt';
import type { AccountDownload, AccountPurchase, ReleaseOutcome } from './accountApi';
import { Machines } from './Machines';

/** The page's downloads list for one purchase (features/downloads, passed in by the page). */
export type RenderDownloads = (links: readonly AccountDownload[]) => ReactNode;

/**
 * One purchase: the receipt facts, then (only when paid) the key, the downloads, how to activate
 * and the machines. A refunded purchase says so and offers nothing.
 */
export function PurchaseEntry({
  purchase,
  renderDownloads,
  onRelease,
}: {
  purchase: AccountPurchase;
  renderDownloads: RenderDownloads;
  onRelease: (licenseId: string, machine: string) => Promise<ReleaseOutcome>;
}) {
  const id = useId();
  const paid = purchase.status === 'paid';
  return (
    <article
      className={paid ? 'card purchase' : 'card purchase purchase--refunded'}
      aria-labelledby={`${id}-heading`}
    >
      <h2 id={`${id}-heading`}>Bought {formatPurchaseDate(purchase.createdAt)}</h2>
      <dl className="receipt">
        <dt>Amount</dt>
        <dd>{formatAmount(purchase.amount, purchase.currency)}</dd>
        <dt>Status</dt>
        <dd>{paid ? 'Paid' : 'Refunded'}</dd>
        {purchase.receiptUrl === null ? null : (
          <>
            <dt>Receipt</dt>
            <dd>
              <a href={purchase.receiptUrl} rel="noreferrer">
                Stripe receipt
              </a>
            </dd>
          </>
        )}
      </dl>
      {purchase.status === 'refunded' ? (
        <p>
          This purchase was refunded, so its license key and downloads no longer work and nothing
          else is offered for it.
        </p>
      ) : (
        <>
          <h3>License key</h3>
          <LicenseKeyField licenseKey={purchase.licenseKey} />
          <h3>Download</h3>
          {renderDownloads(purchase.downloads)}
          <h3>Activate it</h3>
          <ActivationField command={purchase.activationCommand} />
          {purchase.license === null ? null : (
            <Machines license={purchase.license} onRelease={onRelease} />
          )}
        </>
      )}
    </article>
  );
}
