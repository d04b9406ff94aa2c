import { PaidFrame } from '../features/purchase/PaidFrame';
import { KeyPlaceholderCard, PurchaseChecking } from '../features/purchase/PurchaseChecking';

/**
 * What /success looks like before its JavaScript has run: the paid page's heading and lead and a
 * placeholder the size of the license key, laid out like the page that replaces it, so nothing
 * moves when the key and downloads appear. (The key depends on the address's query string, which
 * the prerendered document cannot know.)
 */
export function SuccessShell() {
  // Server mode knows nothing until the API has asked Stripe: its shell is the page's own
  // "checking" state.
  if (import.meta.env.VITE_FULFILMENT === 'server')
    return (
      <>
        <PurchaseChecking />
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
    <PaidFrame fulfilment="browser" busy>
      <KeyPlaceholderCard status="Loading your license key…">
        <noscript>
          <p className="notice">
            Your license key and download links are worked out in your browser: please turn on
            JavaScript for this page, or write to us for your key.
          </p>
        </noscript>
      </KeyPlaceholderCard>
    </PaidFrame>
  );
}
