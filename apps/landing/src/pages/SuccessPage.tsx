import { lazy, Suspense, useMemo } from 'react';
import { ActivationCard, LicenseKeyCard } from '../components/PurchaseCards';
import { SupportLink } from '../components/SupportLink';
import { usePageMeta } from '../components/usePageMeta';
import { downloadConfig } from '../config/download';
import { config as buildConfig, type ConfigProblem, type DownloadConfig } from '../config/env';
import type { Fulfilment } from '../config/fulfilment';
import { useTrustedClock } from '../features/clock/useTrustedClock';
import { generateLicenseKey } from '../features/downloads/browserFulfilment';
import { DownloadsPanel } from '../features/downloads/DownloadsPanel';
import { detectPlatform } from '../features/downloads/detectPlatform';
import { useDownloadLinks } from '../features/downloads/useDownloadLinks';
import { readSessionId, SESSION_ID_PROBLEM_TEXT } from '../features/license/sessionId';
import { PaidFrame } from '../features/purchase/PaidFrame';
import { PurchaseChecking } from '../features/purchase/PurchaseChecking';
import { activationCommand } from '../features/setup/activationCommand';
import { ServerSuccessPage } from './SuccessPage.serverHalf';

// Only for an address without a valid session id: loaded when needed, so /success stays within
// its budget.
const PurchaseNotFound = lazy(() =>
  import('../features/purchase/PurchaseNotFound').then((m) => ({ default: m.PurchaseNotFound })),
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

function formatLocal(unixSeconds: number): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(unixSeconds * 1000));
}

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

function BrowserPurchase({
  sessionId,
  download,
}: {
  sessionId: string;
  download: Extract<DownloadConfig, { ok: true }>;
}) {
  const licenseKey = useMemo(
    () => generateLicenseKey(sessionId, download.secret),
    [sessionId, download.secret],
  );
  const clock = useTrustedClock();
  const links = useDownloadLinks(download.secret, download.baseUrl, clock.offsetMs);
  const recommended = useMemo(() => detectPlatform(navigator), []);

  return (
    <PaidFrame fulfilment="browser">
      <LicenseKeyCard licenseKey={licenseKey} />

      <DownloadsPanel
        links={links}
        recommended={recommended}
        expiresText={`Links work until ${formatLocal(links.expiresAt)}.`}
      />
      <Suspense fallback={null}>
        <ReleaseDetails baseUrl={download.baseUrl} />
      </Suspense>
      {clock.source === 'server' && clock.measuredSkewMs !== null ? (
        <p className="notice">
          Your device clock is {Math.round(Math.abs(clock.measuredSkewMs) / 60_000)} minutes{' '}
          {clock.measuredSkewMs > 0 ? 'behind' : 'ahead'}, so these links use our server's time.
        </p>
      ) : null}

      <ActivationCard command={activationCommand(licenseKey)} />
      <Suspense fallback={null}>
        <SetupSection licenseKey={licenseKey} recommended={recommended} />
      </Suspense>
    </PaidFrame>
  );
}

export interface SuccessPageProps {
  /** The address's query string, e.g. `?session_id=cs_live_…`. */
  readonly search: string;
  readonly download?: DownloadConfig;
  /** Browser (keys made here) or server (keys from the API); the build's setting by default. */
  readonly fulfilment?: Fulfilment;
}

/**
 * /success: the page customers keep open after paying. Router-free on purpose (see main.tsx):
 * the query string comes in as a prop and internal links are SiteLinks.
 */
export default function SuccessPage({
  search,
  download = downloadConfig,
  fulfilment = buildConfig.fulfilment,
}: SuccessPageProps) {
  usePageMeta(TITLE, DESCRIPTION);
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
  if (fulfilment === 'server')
    return (
      <Suspense fallback={<PurchaseChecking />}>
        <ServerSuccessPage key={session.sessionId} sessionId={session.sessionId} />
      </Suspense>
    );
  if (!download.ok) return <Misconfigured problems={download.problems} />;
  return (
    <BrowserPurchase key={session.sessionId} sessionId={session.sessionId} download={download} />
  );
}
