import { formatAmount, formatPurchaseDate } from '../../components/receipt';
import { SiteLink } from '../../components/SiteLink';
import type { PaidView } from './purchaseState';

/** The receipt of a purchase the API vouched for, and where all purchases are kept. */
export function Receipt({ receipt }: { receipt: NonNullable<PaidView['receipt']> }) {
  return (
    <section className="card" aria-labelledby="receipt-heading">
      <h2 id="receipt-heading">Receipt</h2>
      <dl className="receipt">
        <dt>Paid</dt>
        <dd>{formatAmount(receipt.amount, receipt.currency)}</dd>
        <dt>Date</dt>
        <dd>{formatPurchaseDate(receipt.createdAt)}</dd>
        {receipt.email === null ? null : (
          <>
            <dt>Email</dt>
            <dd>{receipt.email}</dd>
          </>
        )}
      </dl>
      <p className="account-pointer">
        Lost this page? Your purchases are at <SiteLink to="/account">/account</SiteLink>: sign in
        there with the email address you paid with.
      </p>
    </section>
  );
}
