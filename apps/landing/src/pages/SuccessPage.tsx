import { generateLicenseKey } from '@local-memory/download-keys';
import { useMemo, useState } from 'react';
import { CopyButton } from '../components/CopyButton';
import { SiteLink } from '../components/SiteLink';
import { usePageMeta } from '../components/usePageMeta';
import { config as buildConfig, type ConfigProblem, type DownloadConfig } from '../config/env';
import { useTrustedClock } from '../features/clock/useTrustedClock';
import { DownloadsPanel } from '../features/downloads/DownloadsPanel';
import { detectPlatform } from '../features/downloads/detectPlatform';
import { useDownloadLinks } from '../features/downloads/useDownloadLinks';
import { readSessionId, SESSION_ID_PROBLEM_TEXT } from '../features/license/sessionId';
import { ReleaseDetails } from '../features/release/ReleaseDetails';

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
          is fixed. Please write to{' '}
          <a href="mailto:support@localmemory.co">support@localmemory.co</a> with the address of
          this page and we will send your key by email.
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

function PurchaseNotFound({ reason }: { reason: string }) {
  return (
    <div className="container narrow">
      <h1>We couldn't find your purchase</h1>
      <p className="lead">{reason}</p>
      <h2>What to do</h2>
      <ul className="ways-forward">
        <li>
          Open the link in your Stripe receipt email again, or use your browser's history to return
          to the page you were sent to after paying.
        </li>
        <li>
          Still stuck? Write to <a href="mailto:support@localmemory.co">support@localmemory.co</a>{' '}
          with the email address you paid with, and we will send your key.
        </li>
        <li>
          Not bought Local Memory yet? <SiteLink to="/pricing">See pricing</SiteLink>.
        </li>
      </ul>
    </div>
  );
}

function Purchase({
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
  const [announcement, setAnnouncement] = useState('');
  const command = `local-memory license activate ${licenseKey}`;

  return (
    <div className="container narrow success">
      <h1>Thank you for buying Local Memory</h1>
      <p className="lead">
        Here is your license key and your download. This page keeps working: come back to it any
        time with the same address for fresh download links.
      </p>

      <section className="card" aria-labelledby="key-heading">
        <h2 id="key-heading">Your license key</h2>
        <output aria-label="License key" className="license-key">
          {licenseKey}
        </output>
        <div className="actions">
          <CopyButton
            text={licenseKey}
            label="Copy license key"
            copiedMessage="License key copied to the clipboard"
            onResult={setAnnouncement}
          />
        </div>
        <h3 id="activate-heading">Activate it</h3>
        <p>After installing, run this once in a terminal:</p>
        <figure className="command" aria-label="Activation command">
          <code>{command}</code>
        </figure>
        <div className="actions">
          <CopyButton
            text={command}
            label="Copy activation command"
            copiedMessage="Activation command copied to the clipboard"
            onResult={setAnnouncement}
          />
        </div>
        <p className="status" role="status" aria-live="polite">
          {announcement}
        </p>
      </section>

      <DownloadsPanel
        links={links}
        recommended={recommended}
        expiresText={`Links work until ${formatLocal(links.expiresAt)}.`}
      />
      <ReleaseDetails baseUrl={download.baseUrl} />
      {clock.source === 'server' && clock.measuredSkewMs !== null ? (
        <p className="notice">
          Your device clock is {Math.round(Math.abs(clock.measuredSkewMs) / 60_000)} minutes{' '}
          {clock.measuredSkewMs > 0 ? 'behind' : 'ahead'}, so these links use our server's time.
        </p>
      ) : null}
    </div>
  );
}

export interface SuccessPageProps {
  /** The address's query string, e.g. `?session_id=cs_live_…`. */
  readonly search: string;
  readonly download?: DownloadConfig;
}

/**
 * /success: the page customers keep open after paying. Router-free on purpose (see main.tsx):
 * the query string comes in as a prop and internal links are SiteLinks.
 */
export default function SuccessPage({ search, download = buildConfig.download }: SuccessPageProps) {
  usePageMeta(TITLE, DESCRIPTION);
  if (!download.ok) return <Misconfigured problems={download.problems} />;
  const session = readSessionId(new URLSearchParams(search).get('session_id'));
  if (!session.ok) return <PurchaseNotFound reason={SESSION_ID_PROBLEM_TEXT[session.problem]} />;
  return <Purchase key={session.sessionId} sessionId={session.sessionId} download={download} />;
}
