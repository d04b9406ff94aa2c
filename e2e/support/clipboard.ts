import type { BrowserContext, Page } from '@playwright/test';
import { ORIGIN } from './settings';

const READER_PATH = '/__e2e-clipboard-reader';

/** Let the configured site's pages (and the reader below) write and read the clipboard. */
export async function grantClipboard(context: BrowserContext): Promise<void> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
}

/**
 * What the browser's clipboard holds, read the way a person would check it: from another page.
 * The site's own pages send `Permissions-Policy: clipboard-read=()` (they only ever write), so the
 * test reads from a blank same-origin document that Playwright answers itself; it never reaches
 * the site and carries no policy. The context must have been granted `clipboard-read`
 * ({@link grantClipboard}).
 */
export async function readClipboard(page: Page): Promise<string> {
  const reader = await page.context().newPage();
  try {
    await reader.route(`${ORIGIN}${READER_PATH}`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>clipboard</title>' }),
    );
    await reader.goto(`${ORIGIN}${READER_PATH}`);
    return await reader.evaluate(() => navigator.clipboard.readText());
  } finally {
    await reader.close();
  }
}
