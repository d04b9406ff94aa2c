import { PurchaseWaiting } from '../features/purchase/PurchaseWaiting';

/**
 * What /success looks like before its JavaScript has run: the headings and a placeholder the
 * size of the license key, laid out like the page that replaces it, so nothing moves when the key
 * and downloads appear. (The key depends on the address's query string, which the prerendered
 * document cannot know.)
 */
export function SuccessShell() {
  // Server mode knows nothing until the API has asked Stripe: its shell is the page's own
  // "checking" state, so nothing flickers from "thank you" to "checking" and back.
  if (import.meta.env.VITE_FULFILMENT === 'server')
    return (
      <>
        <PurchaseWaiting processing={false} />
        <noscript>
          <div className="container narrow">
            <p className="notice">
              This page asks our server for your purchase: please turn on JavaScript, or write to us
              for your key.
            </p>
          </div>
        </noscript>
      </>
    );
  return (
    <div className="container narrow success" aria-busy="true">
      <h1>Thank you for buying Local Memory</h1>
      <p className="lead">
        Here is your license key and your download. This page keeps working: come back to it any
        time with the same address for fresh download links.
      </p>
      <section className="card" aria-labelledby="key-heading">
        <h2 id="key-heading">Your license key</h2>
        <div className="license-key license-key--placeholder">
          <span aria-hidden="true">LM-0000-0000-0000-0000-0000</span>
          <span className="visually-hidden">Loading your license key…</span>
        </div>
        <noscript>
          <p className="notice">
            Your license key and download links are worked out in your browser: please turn on
            JavaScript for this page, or write to us for your key.
          </p>
        </noscript>
      </section>
    </div>
  );
}
