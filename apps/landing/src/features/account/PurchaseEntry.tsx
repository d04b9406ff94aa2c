import { useId } from 'react';
import { CopyWithAnnouncement } from '../../components/CopyButton';
import { formatAmount, formatPurchaseDate } from '../../components/receipt';
import { SiteLink } from '../../components/SiteLink';
import type { AccountPurchase, ReleaseOutcome } from './accountTypes';
import { Machines } from './Machines';

/**
 * One purchase: the receipt facts, then (only when paid) the key, the downloads, how to activate
 * and the machines. A refunded purchase says so and offers nothing.
 */
export function PurchaseEntry({
  purchase,
  onRelease,
}: {
  purchase: AccountPurchase;
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
          <output aria-label="License key" className="license-key">
            {purchase.licenseKey}
          </output>
          <CopyWithAnnouncement
            text={purchase.licenseKey}
            label="Copy license key"
            copiedMessage="License key copied to the clipboard"
          />
          <h3>Download</h3>
          <ul className="account-downloads">
            {purchase.downloads.map((d) => (
              <li key={d.platform}>
                <a className="button" href={d.url} download data-platform={d.platform}>
                  Download for {d.label}
                </a>
              </li>
            ))}
          </ul>
          <p>
            Each download checks your purchase when you click it. How to install it on each system:{' '}
            <SiteLink to="/docs/setup">the setup guide</SiteLink>.
          </p>
          <h3>Activate it</h3>
          <p>After installing, run this once in a terminal:</p>
          <figure className="command" aria-label="Activation command">
            <code>{purchase.activationCommand}</code>
          </figure>
          <CopyWithAnnouncement
            text={purchase.activationCommand}
            label="Copy activation command"
            copiedMessage="Activation command copied to the clipboard"
          />
          {purchase.license === null ? null : (
            <Machines license={purchase.license} onRelease={onRelease} />
          )}
        </>
      )}
    </article>
  );
}
