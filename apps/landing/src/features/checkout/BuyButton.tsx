import { DEFAULT_EDITION, type EditionId, PRODUCT_NAME } from '@local-memory/catalog';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { SupportLink } from '../../components/SupportLink';
import { useHydrated } from '../../components/useHydrated';
import type { CheckoutConfig } from '../../config/env';
import { CheckoutError, preloadStripe, startCheckout } from './checkout';

/**
 * "Buy Local Memory" (the default edition) or "Buy Local Memory Pro license" (another edition's
 * name): one button per edition. In the demo it walks to the Success page with a demo session id; otherwise it
 * sends the customer to Stripe Checkout. Misconfiguration is shown on the page, never in an alert.
 */
export function BuyButton({
  checkout,
  dev,
  edition = DEFAULT_EDITION,
  label = PRODUCT_NAME,
  noteId = 'buy-note',
}: {
  checkout: CheckoutConfig;
  dev: boolean;
  /** The edition bought (the default one unless named). */
  edition?: EditionId;
  /** What is bought, after "Buy": the product for the default edition, else the edition's name. */
  label?: string;
  /** The id of the note under the button, unique on the page. */
  noteId?: string;
}) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  // The prerendered button does nothing until the page's script has taken it over: it says so by
  // being disabled for that moment rather than swallowing an early click.
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);

  if (checkout.mode === 'unconfigured') {
    return (
      <div className="notice notice--error" role="alert">
        <p>
          <strong>Buying is not available on this site right now.</strong> Please write to{' '}
          <SupportLink /> and we will sort it out.
        </p>
        {dev ? (
          <>
            <p>For the operator: checkout is not configured.</p>
            <ul>
              {checkout.problems.map((p) => (
                <li key={p.variable + p.message}>{p.message}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    );
  }

  const intent = () => preloadStripe(checkout);
  const buy = async () => {
    setBusy(true);
    setError(null);
    try {
      const step = await startCheckout(checkout, edition);
      if (step.url.startsWith('/')) navigate(step.url);
      else window.location.assign(step.url);
    } catch (caught) {
      setError(
        caught instanceof CheckoutError
          ? caught.message
          : 'Something went wrong starting the checkout. Please try again.',
      );
      setBusy(false);
    }
  };

  return (
    <div className="buy">
      <button
        type="button"
        className="button button--primary button--large"
        onPointerEnter={intent}
        onFocus={intent}
        onTouchStart={intent}
        onClick={buy}
        disabled={busy || !hydrated}
        aria-describedby={noteId}
      >
        {busy ? 'Opening checkout…' : `Buy ${label}`}
      </button>
      <p id={noteId} className="buy__note">
        {checkout.mode === 'demo'
          ? 'Demo: no payment is taken; you go straight to a sample Success page.'
          : 'Secure payment by Stripe. You will see the final price, including any tax, before you pay.'}
      </p>
      {error === null ? null : (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
