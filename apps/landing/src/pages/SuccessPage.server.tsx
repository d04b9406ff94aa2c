/**
 * /success in server mode: the key, receipt and downloads come from the API once Stripe says the
 * buyer paid. The bundle has no secret and this part derives nothing. Part of the Success page,
 * loaded lazily by SuccessPage.tsx so browser-mode visits never download it.
 * @module
 */
import { lazy, Suspense, useMemo } from 'react';
import { ActivationCard, LicenseKeyCard } from '../components/PurchaseCards';
import { DownloadsPanel } from '../features/downloads/DownloadsPanel';
import { detectPlatform } from '../features/downloads/detectPlatform';
import { PurchaseChecking } from '../features/purchase/PurchaseChecking';
import { PurchaseNotFound } from '../features/purchase/PurchaseNotFound';
import {
  PaidPurchase,
  PurchaseProcessing,
  PurchaseRefunded,
  PurchaseStillPending,
  PurchaseWrongProduct,
  ServerUnreachable,
  UnexpectedAnswer,
} from '../features/purchase/PurchaseViews';
import type { Purchase } from '../features/purchase/purchaseApi';
import { panelLinks } from '../features/purchase/purchaseDownloads';
import { usePurchase } from '../features/purchase/usePurchase';

const SetupSection = lazy(() => import('../features/setup/SetupSection'));

const NOT_FOUND_REASON =
  'Stripe has no completed purchase with the reference in this address. It may have been cut short when it was copied.';

function ServerPaid({ purchase }: { purchase: Purchase }) {
  const recommended = useMemo(() => detectPlatform(navigator), []);
  return (
    <PaidPurchase
      purchase={purchase}
      keyCard={<LicenseKeyCard licenseKey={purchase.licenseKey} />}
      downloads={
        <DownloadsPanel
          links={{ links: panelLinks(purchase) }}
          recommended={recommended}
          expiresText="Each download checks your purchase when you click it."
          refreshText="The links on this page don't expire: bookmark it and come back any time."
        />
      }
      activation={<ActivationCard command={purchase.activationCommand} />}
      setup={
        <Suspense fallback={null}>
          <SetupSection licenseKey={purchase.licenseKey} recommended={recommended} />
        </Suspense>
      }
    />
  );
}

/**
 * /success in server mode: the key, receipt and downloads come from the API once Stripe says the
 * buyer paid. The bundle has no secret; this page derives nothing.
 */
export default function ServerSuccessPage({ sessionId }: { sessionId: string }) {
  const { state, retry } = usePurchase(sessionId);
  switch (state.kind) {
    case 'loading':
      return <PurchaseChecking />;
    case 'pending':
      return <PurchaseProcessing />;
    case 'still-pending':
      return <PurchaseStillPending onCheckAgain={retry} />;
    case 'paid':
      return <ServerPaid purchase={state.purchase} />;
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
