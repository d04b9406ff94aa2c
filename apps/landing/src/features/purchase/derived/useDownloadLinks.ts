import type { DownloadLinkSet } from '@local-memory/download-keys';
import { downloadLinks } from '@local-memory/download-keys';
import { useEffect, useMemo, useState } from 'react';

/**
 * Download links for "now", refreshed by themselves when the 12-hour window rolls over while the
 * page is open, and again whenever the tab becomes visible (a laptop waking from sleep, where
 * timers may not have fired).
 * @param secret - the download secret
 * @param baseUrl - download base (`/downloads`, the production site or a CDN)
 * @param offsetMs - correction to the device clock, see useTrustedClock
 */
export function useDownloadLinks(
  secret: string,
  baseUrl: string,
  offsetMs: number,
): DownloadLinkSet {
  const [tick, setTick] = useState(0);
  // `tick` only forces a fresh reading of the clock.
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the refresh trigger
  const links = useMemo(
    () => downloadLinks({ secret, baseUrl, unixSeconds: (Date.now() + offsetMs) / 1000 }),
    [secret, baseUrl, offsetMs, tick],
  );

  useEffect(() => {
    const untilRollover = links.refreshAt * 1000 - (Date.now() + offsetMs);
    // A little after the boundary, so the new window has certainly begun.
    const timer = setTimeout(() => setTick((t) => t + 1), Math.max(0, untilRollover) + 250);
    const onVisible = () => {
      if (document.visibilityState === 'visible') setTick((t) => t + 1);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [links, offsetMs]);

  return links;
}
