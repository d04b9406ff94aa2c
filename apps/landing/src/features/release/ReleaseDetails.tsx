import { useEffect, useState } from 'react';
import { dateTimeFormat, numberFormat } from '../../config/intlFormats';
import { checksumCommands, loadReleaseInfo, type ReleaseInfo } from './releaseManifest';

type State =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly release: ReleaseInfo }
  | { readonly kind: 'unavailable' };

const ONE_DECIMAL: Intl.NumberFormatOptions = { maximumFractionDigits: 1 };

function formatSize(bytes: number): string {
  const megabytes = bytes / 1_000_000;
  const short =
    megabytes >= 1
      ? `${numberFormat(undefined, ONE_DECIMAL).format(megabytes)} MB`
      : `${numberFormat(undefined, ONE_DECIMAL).format(bytes / 1000)} kB`;
  return `${short} (${numberFormat(undefined).format(bytes)} bytes)`;
}

function formatDate(iso: string): string {
  return dateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

/**
 * The release on the Success page: version, date, and per download its size, SHA-256 with the
 * command that checks it, and system requirements, from `{baseUrl}/release.json`. When the
 * manifest cannot be read the page carries on and says so in one quiet line.
 */
export function ReleaseDetails({
  baseUrl,
  fetchImpl,
}: {
  baseUrl: string;
  fetchImpl?: typeof fetch;
}) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    loadReleaseInfo(baseUrl, fetchImpl).then(
      (release) => live && setState({ kind: 'ready', release }),
      () => live && setState({ kind: 'unavailable' }),
    );
    return () => {
      live = false;
    };
  }, [baseUrl, fetchImpl]);

  if (state.kind === 'loading') return null;
  if (state.kind === 'unavailable')
    return (
      <p className="release-unavailable">
        Release details (version, checksums, system requirements) are not available right now; your
        downloads above are not affected.
      </p>
    );
  const { release } = state;
  return (
    <section className="card release" aria-labelledby="release-heading">
      <h2 id="release-heading">About this release</h2>
      <dl className="release__facts">
        <dt>Version</dt>
        <dd data-testid="release-version">{release.version ?? 'not stated'}</dd>
        <dt>Released</dt>
        <dd>
          <time dateTime={release.releasedAt}>{formatDate(release.releasedAt)}</time>
        </dd>
      </dl>
      <p>
        To check that a download arrived intact, compare its SHA-256 with the one below, using the
        command for your system in the folder where you saved it.
      </p>
      {release.artifacts.map((artifact) => (
        <section
          key={artifact.platform}
          className="release__artifact"
          aria-labelledby={`release-${artifact.platform}`}
          data-platform={artifact.platform}
        >
          <h3 id={`release-${artifact.platform}`}>{artifact.label}</h3>
          <dl>
            <dt>File</dt>
            <dd>
              <code>{artifact.filename}</code>, {formatSize(artifact.size)}
            </dd>
            <dt>SHA-256</dt>
            <dd>
              <code className="release__hash">{artifact.sha256}</code>
            </dd>
            <dt>Check it</dt>
            <dd>
              <ul className="release__commands">
                {checksumCommands(artifact.platform, artifact.filename).map((c) => (
                  <li key={c.system}>
                    {c.system}: <code>{c.command}</code>
                  </li>
                ))}
              </ul>
            </dd>
            <dt>Requires</dt>
            <dd>{artifact.requirements}</dd>
          </dl>
        </section>
      ))}
    </section>
  );
}
