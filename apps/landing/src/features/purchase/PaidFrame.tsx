import type { ReactNode } from 'react';
import type { Fulfilment } from '../../config/fulfilment';

const LEAD: Record<Fulfilment, string> = {
  browser:
    'Here is your license key and your download. This page keeps working: come back to it any time with the same address for fresh download links.',
  server:
    'Here is your license key and your download. We email the key to you too. This page keeps working: come back to it any time with the same address.',
};

/**
 * The paid page's heading and lead. The prerendered document and the "checking" state have them
 * too, so nothing above the key changes when the key arrives.
 */
export function PaidFrame({
  fulfilment,
  busy = false,
  children,
}: {
  fulfilment: Fulfilment;
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="container narrow success" aria-busy={busy ? 'true' : undefined}>
      <h1>Thank you for buying Local Memory</h1>
      <p className="lead">{LEAD[fulfilment]}</p>
      {children}
    </div>
  );
}
