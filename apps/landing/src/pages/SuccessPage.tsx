import { lazy, Suspense, useMemo } from 'react';
import { ActivationCard, LicenseKeyCard } from '../components/PurchaseCards';
import { usePageMeta } from '../components/usePageMeta';
import { downloadConfig } from '../config/download';
import type { DownloadConfig } from '../config/env';
import type { Fulfilment } from '../config/fulfilment';
import { DownloadsPanel } from '../features/downloads/DownloadsPanel';
import { detectPlatform } from '../features/downloads/detectPlatform';
import { readSessionId, SESSION_ID_PROBLEM_TEXT } from '../features/license/sessionId';
import { PaidFrame } from '../features/purchase/PaidFrame';
import { PurchaseChecking } from '../features/purchase/PurchaseChecking';
import type { PaidView, PurchaseSource } from '../features/purchase/purchaseState';
import { purchaseSource } from '../features/purchase/usePurchase';

// Only for an address without a valid session id, or a site that is not configured correctly:
// loaded when needed, so /success stays within its budget.
const noPurchase = () => import('../features/purchase/PurchaseNotFound');
const PurchaseNotFound = lazy(() => noPurchase().then((m) => ({ default: m.PurchaseNotFound })));
const Misconfigured = lazy(() => noPurchase().then((m) => ({ default: m.Misconfigured })));
// Processing, refunded, not found, unreachable…: only the API answers these, so a browser-mode
// visit never loads them.
const apiViews = () => import('../features/purchase/PurchaseRefusal');
const PurchaseRefusal = lazy(() => apiViews().then((m) => ({ default: m.PurchaseRefusal })));
// Only the API knows the receipt: a browser-mode visit never loads it.
const Receipt = lazy(() => apiViews().then((m) => ({ default: m.Receipt })));
// Below the downloads and long: loaded after the page, so /success stays within its budget.
const SetupSection = lazy(() => import('../features/setup/SetupSection'));
// Below the downloads, and it waits for the release manifest anyway: loaded after the page.
const ReleaseDetails = lazy(() =>
  import('../features/release/ReleaseDetails').then((m) => ({ default: m.ReleaseDetails })),
);

const TITLE = 'Your license key and downloads · Local Memory';
const DESCRIPTION =
  'Your Local Memory license key, activation command and download links for macOS, Windows and Linux.';

function Paid({ paid, fulfilment }: { paid: PaidView; fulfilment: Fulfilment }) {
  const recommended = useMemo(() => detectPlatform(navigator), []);
  const skew = paid.clockSkewMs;
  return (
    <PaidFrame fulfilment={fulfilment}>
      <LicenseKeyCard licenseKey={paid.licenseKey} />
      <DownloadsPanel
        links={paid.downloads}
        recommended={recommended}
        expiresText={paid.expiresText}
        refreshText={paid.refreshText}
      />
      {paid.releaseBaseUrl === null ? null : (
        <Suspense fallback={null}>
          <ReleaseDetails baseUrl={paid.releaseBaseUrl} />
        </Suspense>
      )}
      {skew === null ? null : (
        <p className="notice">
          Your device clock is {Math.round(Math.abs(skew) / 60_000)} minutes{' '}
          {skew > 0 ? 'behind' : 'ahead'}, so these links use our server's time.
        </p>
      )}
      <ActivationCard command={paid.activationCommand} />
      {paid.receipt === null ? null : (
        <Suspense fallback={null}>
          <Receipt receipt={paid.receipt} />
        </Suspense>
      )}
      <Suspense fallback={null}>
        <SetupSection licenseKey={paid.licenseKey} recommended={recommended} />
      </Suspense>
    </PaidFrame>
  );
}

function Purchase({
  sessionId,
  download,
  source,
}: {
  sessionId: string;
  download: Extract<DownloadConfig, { ok: true }> | null;
  source: PurchaseSource;
}) {
  const { state, retry } = source.usePurchase(sessionId, download);
  if (state.kind === 'loading') return <PurchaseChecking />;
  if (state.kind === 'paid') return <Paid paid={state.paid} fulfilment={source.fulfilment} />;
  return (
    <Suspense fallback={<PurchaseChecking />}>
      <PurchaseRefusal state={state} retry={retry} />
    </Suspense>
  );
}

export interface SuccessPageProps {
  /** The address's query string, e.g. `?session_id=cs_live_…`. */
  readonly search: string;
  readonly download?: DownloadConfig;
  /** Where the purchase comes from: the build's source (usePurchase.ts) by default. */
  readonly source?: PurchaseSource;
}

/**
 * /success: the page customers keep open after paying. Router-free on purpose (see main.tsx):
 * the query string comes in as a prop and internal links are SiteLinks.
 */
export default function SuccessPage({
  search,
  download = downloadConfig,
  source = purchaseSource,
}: SuccessPageProps) {
  usePageMeta(TITLE, DESCRIPTION);
  const { fulfilment } = source;
  // Server mode needs no secret: only a problem with the mode itself (or a secret given anyway).
  if (!download.ok && (fulfilment === 'browser' || download.problems.length > 0))
    return (
      <Suspense fallback={null}>
        <Misconfigured problems={download.problems} />
      </Suspense>
    );
  const session = readSessionId(new URLSearchParams(search).get('session_id'));
  if (!session.ok)
    return (
      <Suspense fallback={null}>
        <PurchaseNotFound
          reason={SESSION_ID_PROBLEM_TEXT[session.problem]}
          fulfilment={fulfilment}
        />
      </Suspense>
    );
  return (
    <Purchase
      key={session.sessionId}
      sessionId={session.sessionId}
      download={download.ok ? download : null}
      source={source}
    />
  );
}
