/**
 * The purchase derived in the page (browser mode): the key from the session id and the secret in
 * the bundle, the links from the secret and a trusted clock. Nothing is asked of the API, so the
 * page trusts the address (see docs/threat-model.md).
 * @module
 */
import { generateLicenseKey } from '@local-memory/download-keys';
import { activationCommand } from '@local-memory/download-keys/activation';
import { useMemo } from 'react';
import { dateTimeFormat } from '../../config/intlFormats';
import { useDownloadLinks } from './derived/useDownloadLinks';
import { useTrustedClock } from './derived/useTrustedClock';
import type { PurchaseAnswer, PurchaseSource } from './purchaseState';

const LOCAL_TIME: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};

function formatLocal(unixSeconds: number): string {
  return dateTimeFormat(undefined, LOCAL_TIME).format(new Date(unixSeconds * 1000));
}

function useDerivedPurchase(
  sessionId: string,
  download: { readonly secret: string; readonly baseUrl: string } | null,
): PurchaseAnswer {
  // The page shows the configuration problem instead of calling this without a secret.
  if (download === null) throw new Error('VITE_DOWNLOAD_SECRET is not set');
  const { secret, baseUrl } = download;
  const licenseKey = useMemo(() => generateLicenseKey(sessionId, secret), [sessionId, secret]);
  const clock = useTrustedClock();
  const links = useDownloadLinks(secret, baseUrl, clock.offsetMs);
  return {
    state: {
      kind: 'paid',
      paid: {
        licenseKey,
        activationCommand: activationCommand(licenseKey),
        downloads: links,
        expiresText: `Links work until ${formatLocal(links.expiresAt)}.`,
        receipt: null,
        releaseBaseUrl: baseUrl,
        clockSkewMs: clock.source === 'server' ? clock.measuredSkewMs : null,
      },
    },
    retry: () => undefined, // nothing to ask again: the page derived it all
  };
}

/** Browser mode's source. */
export const derivedPurchase: PurchaseSource = {
  fulfilment: 'browser',
  usePurchase: useDerivedPurchase,
};
