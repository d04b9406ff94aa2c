/**
 * Every state of the purchase that is neither loading nor paid, each with its view, and the
 * receipt. Only the API answers these, so the page loads this module when one arrives: a
 * browser-mode visit never does.
 * @module
 */
import { PurchaseNotFound } from './PurchaseNotFound';
import {
  PurchaseProcessing,
  PurchaseRefunded,
  PurchaseStillPending,
  PurchaseWrongProduct,
  ServerUnreachable,
  UnexpectedAnswer,
} from './PurchaseViews';
import type { RefusalState } from './purchaseState';

export { Receipt } from './Receipt';

const NOT_FOUND_REASON =
  'Stripe has no completed purchase with the reference in this address. It may have been cut short when it was copied.';

/** The view of `state`; `retry` asks the source again. */
export function PurchaseRefusal({ state, retry }: { state: RefusalState; retry: () => void }) {
  switch (state.kind) {
    case 'pending':
      return <PurchaseProcessing />;
    case 'still-pending':
      return <PurchaseStillPending onCheckAgain={retry} />;
    case 'refunded':
      return <PurchaseRefunded />;
    case 'wrong-product':
      return <PurchaseWrongProduct />;
    case 'not-found':
    case 'invalid':
      return <PurchaseNotFound reason={NOT_FOUND_REASON} fulfilment="server" />;
    case 'unreachable':
      return <ServerUnreachable onRetry={retry} />;
    case 'unexpected':
      return <UnexpectedAnswer onRetry={retry} />;
  }
}
