import { SiteLink } from '../components/SiteLink';
import { SupportLink } from '../components/SupportLink';
import { usePageMeta } from '../components/usePageMeta';
import { type CheckoutConfig, config } from '../config/env';
import { REFUNDS_PATH, TERMS_PATH } from '../config/paths';
import { operator } from '../config/storefront';
import { BuyButton } from '../features/checkout/BuyButton';
import { PriceTag } from '../features/pricing/PriceTag';
import { PRICING_PLANS } from '../features/pricing/plans';

/** `/pricing`: one plan per edition of the catalogue, each with its price and Buy button. */
export default function PricingPage({
  checkout = config.checkout,
  dev = import.meta.env.DEV,
}: {
  checkout?: CheckoutConfig;
  dev?: boolean;
}) {
  usePageMeta(
    'Pricing · Local Memory',
    'Buy Local Memory once and get a license key and downloads for macOS, Windows and Linux straight away. Secure checkout by Stripe.',
  );
  return (
    <div className="container narrow">
      <h1>Pricing</h1>
      {PRICING_PLANS.map((edition) => (
        <section
          key={edition.id}
          className="card plan"
          aria-labelledby={`plan-${edition.id}-heading`}
        >
          <h2 id={`plan-${edition.id}-heading`}>{edition.name}</h2>
          <p className="lead">One license for you, on every computer you use.</p>
          <PriceTag price={edition.price} />
          <ul className="checklist">
            <li>The Local Memory binary for macOS (Apple silicon and Intel), Windows and Linux</li>
            <li>MCP server, REST API and command-line interface</li>
            <li>Active on up to {edition.activationLimit} computers at a time</li>
            <li>Your license key on the next page, and download links you can come back for</li>
            <li>Everything stays on your machine: no account, no cloud, no telemetry</li>
          </ul>
          <BuyButton
            checkout={checkout}
            dev={dev}
            edition={edition.id}
            label={edition.buyLabel}
            noteId={edition.noteId}
          />
          <p className="plan__terms">
            By buying you agree to the{' '}
            <SiteLink to={TERMS_PATH}>terms of sale and license</SiteLink>. Changed your mind?{' '}
            {operator.refundDays} days to ask for your money back:{' '}
            <SiteLink to={REFUNDS_PATH}>refund policy</SiteLink>.
          </p>
        </section>
      ))}
      <p>
        Questions before you buy? Write to <SupportLink />.
      </p>
    </div>
  );
}
