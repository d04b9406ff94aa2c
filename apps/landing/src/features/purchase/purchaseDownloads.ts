/**
 * The API's download entries as the downloads panel lists them. Platforms this site does not
 * know are left out rather than shown with a made-up label.
 * @module
 */
import { isPlatform, PLATFORM_CATALOGUE, type Platform } from '@local-memory/download-keys';
import type { Purchase } from './purchaseApi';

/** One row of the downloads panel (the same shape DownloadsPanel takes). */
export interface PurchaseDownload {
  readonly platform: Platform;
  readonly label: string;
  readonly filename: string;
  readonly url: string;
}

/** The API's downloads as the panel shows them; platforms this site does not know are left out. */
export function panelLinks(purchase: Purchase): PurchaseDownload[] {
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
