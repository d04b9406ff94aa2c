/** Same characters as a key (`LM-XXXX-…`), so the placeholder takes the key's exact room. */
const KEY_SHAPE =
  'LM-\u2007\u2007\u2007\u2007-\u2007\u2007\u2007\u2007-\u2007\u2007\u2007\u2007-\u2007\u2007\u2007\u2007-\u2007\u2007\u2007\u2007';

/**
 * While the API answers, or while the payment is processing: the key card keeps its place (no
 * layout shift when the key arrives) and a live region says what is happening.
 */
export function PurchaseWaiting({ processing }: { processing: boolean }) {
  return (
    <div className="container narrow success" aria-busy="true">
      <h1>{processing ? 'Your payment is processing' : 'Checking your purchase'}</h1>
      <p className="lead" role="status">
        {processing
          ? 'Stripe has not confirmed this payment yet (bank transfers and some other methods take a while). This page checks again by itself and shows your license key as soon as Stripe confirms it; we email it to you too.'
          : 'Asking Stripe about your payment…'}
      </p>
      <section className="card" aria-labelledby="key-heading">
        <h2 id="key-heading">Your license key</h2>
        <p className="license-key license-key--placeholder" aria-hidden="true">
          {KEY_SHAPE}
        </p>
      </section>
    </div>
  );
}

/** Processing for longer than the page polls: bank transfers can take days. */
