/**
 * The SVG favicon inline in every document, as a `data:` URL. Linked as `/favicon.svg`, Chromium
 * fetches it while the page is still being laid out; over HTTP/1.1 that request takes the
 * connection the entry script would reuse, so one of them waits for a new connection, and
 * Lighthouse's simulation counts that round trip on the largest paint's path. Inline, the icon
 * costs no request. `public/favicon.svg` stays the one source (and is still served).
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const LINK = /<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml" \/>/;

/** An SVG document as a `data:` URL (percent-encoded, so it is safe inside an attribute). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml,${encodeURIComponent(svg.trim())}`;
}

/**
 * Replace the document's `/favicon.svg` link with the icon itself.
 * @param html - the document
 * @param svg - the icon's SVG source
 * @throws {Error} when the document has no such link (the icon would silently go missing)
 */
export function inlineFaviconLink(html: string, svg: string): string {
  if (!LINK.test(html))
    throw new Error(
      'inlineFavicon: index.html has no <link rel="icon" href="/favicon.svg" type="image/svg+xml" /> to inline',
    );
  return html.replace(LINK, `<link rel="icon" href="${svgDataUrl(svg)}" type="image/svg+xml" />`);
}

/**
 * Inline `public/favicon.svg` into index.html (so into every prerendered page).
 * @param publicDir - the folder holding favicon.svg
 */
export function inlineFavicon(publicDir: string): Plugin {
  return {
    name: 'local-memory-inline-favicon',
    transformIndexHtml(html) {
      return inlineFaviconLink(html, readFileSync(join(publicDir, 'favicon.svg'), 'utf8'));
    },
  };
}
