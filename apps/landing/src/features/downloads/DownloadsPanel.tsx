import type { Platform } from '@local-memory/download-keys';
import { type DesktopPlatform, OS_NAME } from './detectPlatform';
import { INSTALL_STEPS } from './installSteps';

/** What the panel shows of one download: derived on the page, or handed out by the API. */
export interface PanelLink {
  readonly platform: Platform;
  readonly label: string;
  readonly filename: string;
  readonly url: string;
}

function linkName(platform: Platform): string {
  return platform === 'universal' ? 'Download all platforms' : `Download for ${OS_NAME[platform]}`;
}

function PlatformDownload({ link, primary }: { link: PanelLink; primary: boolean }) {
  return (
    <div className={primary ? 'download download--primary' : 'download'}>
      <a
        className={primary ? 'button button--primary' : 'button'}
        href={link.url}
        download={link.filename}
        data-platform={link.platform}
      >
        {linkName(link.platform)}
      </a>
      <p className="download__meta">
        {link.label} · <code>{link.filename}</code>
      </p>
      <details className="install" open={primary}>
        <summary>
          Install on {link.platform === 'universal' ? 'several machines' : OS_NAME[link.platform]}
        </summary>
        <ol>
          {INSTALL_STEPS[link.platform].map((step, index) => (
            // The steps are a fixed list; their order is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: static content
            <li key={index}>{step}</li>
          ))}
        </ol>
      </details>
    </div>
  );
}

/**
 * The downloads: the detected platform first, the others one click away. With no detected
 * platform (phones, unknown devices) every download is listed.
 */
export function DownloadsPanel({
  links,
  recommended,
  expiresText,
  refreshText = 'New links appear here by themselves every 12 hours, and this page always has fresh ones: bookmark it.',
}: {
  links: { readonly links: readonly PanelLink[] };
  recommended: DesktopPlatform | null;
  expiresText: string;
  refreshText?: string;
}) {
  const primary = links.links.find((l) => l.platform === recommended);
  const others = links.links.filter((l) => l !== primary);
  return (
    <section className="card" aria-labelledby="downloads-heading">
      <h2 id="downloads-heading">Download Local Memory</h2>
      {primary ? (
        <>
          <PlatformDownload link={primary} primary />
          <details className="other-platforms">
            <summary>Other platforms</summary>
            {others.map((link) => (
              <PlatformDownload key={link.platform} link={link} primary={false} />
            ))}
          </details>
        </>
      ) : (
        <>
          <p>Choose the download for the computer you will run Local Memory on.</p>
          {others.map((link) => (
            <PlatformDownload key={link.platform} link={link} primary={false} />
          ))}
        </>
      )}
      <p className="expiry">
        {expiresText} {refreshText}
      </p>
    </section>
  );
}
