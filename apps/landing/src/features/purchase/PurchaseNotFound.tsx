import { lazy, Suspense } from 'react';
import { SiteLink } from '../../components/SiteLink';
import { SupportLink } from '../../components/SupportLink';
import type { ConfigProblem } from '../../config/env';
import type { Fulfilment } from '../../config/fulfilment';

// Server mode only (with the API client it uses): a browser-mode page never downloads it.
const ResendForm = lazy(() => import('./ResendForm').then((m) => ({ default: m.ResendForm })));

/**
 * "We couldn't find your purchase". In server mode the customer can have the key emailed again;
 * in browser mode nothing sends email, so the advice says what really works.
 */
export function PurchaseNotFound({
  reason,
  fulfilment,
}: {
  reason: string;
  fulfilment: Fulfilment;
}) {
  return (
    <div className="container narrow">
      <h1>We couldn't find your purchase</h1>
      <p className="lead">{reason}</p>
      {fulfilment === 'server' ? (
        <Suspense fallback={null}>
          <ResendForm />
        </Suspense>
      ) : null}
      <h2>What to do</h2>
      <ul className="ways-forward">
        {fulfilment === 'server' ? (
          <>
            <li>
              The email with your license key has a link back to your download page. Ask for it
              again above if you can't find it.
            </li>
            <li>
              Every purchase of your address, with its key and downloads, is at{' '}
              <SiteLink to="/account">/account</SiteLink>: sign in there with the email address you
              paid with.
            </li>
          </>
        ) : (
          <li>
            Your browser's history has the page you were sent to after paying: look for an address
            with <code>/success?session_id=cs_</code> in it. Stripe's receipt email does not link
            back to it.
          </li>
        )}
        <li>
          Still stuck? Write to <SupportLink /> with the email address you paid with
          {fulfilment === 'browser' ? ' and the receipt number from Stripe’s receipt' : ''}. A
          person will look up your purchase and reply with your key.
        </li>
        <li>
          Not bought Local Memory yet? <SiteLink to="/pricing">See pricing</SiteLink>.
        </li>
      </ul>
    </div>
  );
}

/** A page that cannot work as configured: what the buyer can do, and what the operator must fix. */
export function Misconfigured({ problems }: { problems: readonly ConfigProblem[] }) {
  return (
    <div className="container narrow">
      <h1>This site is not configured correctly</h1>
      <div className="notice notice--error" role="alert">
        <p>
          Your purchase is safe, but this page cannot show license keys or downloads until the site
          is fixed. Please write to <SupportLink /> with the address of this page and we will send
          your key by email.
        </p>
        <p>For the operator:</p>
        <ul>
          {problems.map((p) => (
            <li key={p.variable + p.message}>
              <code>{p.variable}</code>: {p.message}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
