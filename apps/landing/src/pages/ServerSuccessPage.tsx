import { isPlatform, PLATFORM_CATALOGUE } from '@local-memory/download-keys';
import { useMemo } from 'react';
import { DownloadsPanel, type PanelLink } from '../features/downloads/DownloadsPanel';
import { detectPlatform } from '../features/downloads/detectPlatform';
import { PurchaseNotFound } from '../features/purchase/PurchaseNotFound';
import {
  PaidPurchase,
  PurchaseRefunded,
  PurchaseStillPending,
  PurchaseWaiting,
  PurchaseWrongProduct,
  ServerUnreachable,
} from '../features/purchase/PurchaseViews';
import type { Purchase } from '../features/purchase/purchaseApi';
import { usePurchase } from '../features/purchase/usePurchase';

const NOT_FOUND_REASON =
  'Stripe has no completed purchase with the reference in this address. It may have been cut short when it was copied.';

/** The API's downloads as the panel shows them; platforms this site does not know are left out. */
function panelLinks(purchase: Purchase): PanelLink[] {
  return purchase.downloads.flatMap((d) =>
    isPlatform(d.platform)
      ? [
          {
            platform: d.platform,
            label: PLATFORM_CATALOGUE[d.platform].label,
            filename: d.filename,
            url: d.url,
          },
        ]
      : [],
  );
}

function Downloads({ purchase }: { purchase: Purchase }) {
  const recommended = useMemo(() => detectPlatform(navigator), []);
  return (
    <DownloadsPanel
      links={{ links: panelLinks(purchase) }}
      recommended={recommended}
      expiresText="Each download checks your purchase when you click it."
      refreshText="The links on this page don't expire: bookmark it and come back any time."
    />
  );
}

/**
 * /success in server mode: the key, receipt and downloads come from the API once Stripe says the
 * buyer paid. The bundle has no secret; this page derives nothing.
 */
export function ServerSuccessPage({ sessionId }: { sessionId: string }) {
  const { state, retry } = usePurchase(sessionId);
  switch (state.kind) {
    case 'loading':
      return <PurchaseWaiting processing={false} />;
    case 'pending':
      return <PurchaseWaiting processing />;
    case 'still-pending':
      return <PurchaseStillPending onCheckAgain={retry} />;
    case 'paid':
      return (
        <PaidPurchase
          purchase={state.purchase}
          downloads={<Downloads purchase={state.purchase} />}
        />
      );
    case 'refunded':
      return <PurchaseRefunded />;
    case 'wrong-product':
      return <PurchaseWrongProduct />;
    case 'not-found':
    case 'invalid':
      return <PurchaseNotFound reason={NOT_FOUND_REASON} fulfilment="server" />;
    case 'unreachable':
      return <ServerUnreachable onRetry={retry} />;
  }
}
