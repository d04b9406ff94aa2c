import { lazy, Suspense, useMemo } from 'react';
import { ActivationCard, LicenseKeyCard } from '../components/PurchaseCards';
import { SupportLink } from '../components/SupportLink';
import { usePageMeta } from '../components/usePageMeta';
import { downloadConfig } from '../config/download';
import type { ConfigProblem, DownloadConfig } from '../config/env';
import type { Fulfilment } from '../config/fulfilment';
import { DownloadsPanel } from '../features/downloads/DownloadsPanel';
import { detectPlatform } from '../features/downloads/detectPlatform';
import { readSessionId, SESSION_ID_PROBLEM_TEXT } from '../features/license/sessionId';
import { PaidFrame } from '../features/purchase/PaidFrame';
import { PurchaseChecking } from '../features/purchase/PurchaseChecking';
import type { PaidView, PurchaseSource } from '../features/purchase/purchaseState';
import { Receipt } from '../features/purchase/Receipt';
import { purchaseSource } from '../features/purchase/usePurchase';

// Only for an address without a valid session id: loaded when needed, so /success stays within
// its budget.
const PurchaseNotFound = lazy(() =>
  import('../features/purchase/PurchaseNotFound').then((m) => ({ default: m.PurchaseNotFound })),
);
// Processing, refunded, not found, unreachable…: only the API answers these, so a browser-mode
// visit never loads them.
const PurchaseRefusal = lazy(() =>
  import('../features/purchase/PurchaseRefusal').then((m) => ({ default: m.PurchaseRefusal })),
);
// Below the downloads and long: loaded after the page, so /success stays within its budget.
const SetupSection = lazy(() => import('../features/setup/SetupSection'));
// Below the downloads, and it waits for the release manifest anyway: loaded after the page.
const ReleaseDetails = lazy(() =>
  import('../features/release/ReleaseDetails').then((m) => ({ default: m.ReleaseDetails })),
);

const TITLE = 'Your license key and downloads · Local Memory';
const DESCRIPTION =
  'Your Local Memory license key, activation command and download links for macOS, Windows and Linux.';

function Misconfigured({ problems }: { problems: readonly ConfigProblem[] }) {
  return (
    <div className="container narrow">
      <h1>This site is not configured correctly</h1>
      <div className="notice notice--error" role="alert">
        <p>
          Your purchase is safe, but this page cannot show license keys or downloads until the site
          is fixed. Please write to <SupportLink /> with the address of this page and we will send
          your key by email.
        </p>
        <p>For the operator:</p>
        <ul>
          {problems.map((p) => (
            <li key={p.variable + p.message}>
              <code>{p.variable}</code>: {p.message}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

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
        {...(paid.refreshText === undefined ? {} : { refreshText: paid.refreshText })}
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
      {paid.receipt === null ? null : <Receipt receipt={paid.receipt} />}
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
    return <Misconfigured problems={download.problems} />;
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
