/** Where the site's web app manifest is served (public/site.webmanifest). */
export const WEB_APP_MANIFEST_PATH = '/site.webmanifest';

/**
 * Link the web app manifest from the document's head, once. main.tsx calls this after the first
 * paint: linked from the prerendered HTML, Chromium fetches the manifest at once, beside the entry
 * script, and on HTTP/1.1 one of the two then waits for a new connection, which Lighthouse's
 * simulation counts on the largest paint's path (about one round trip). Nothing on the page needs
 * the manifest before the visitor can read it.
 * @param doc - the document to link it from
 * @returns the `<link rel="manifest">` element (the existing one when there already is one)
 */
export function linkWebAppManifest(doc: Document = document): HTMLLinkElement {
  const existing = doc.head.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (existing !== null) return existing;
  const link = doc.createElement('link');
  link.rel = 'manifest';
  link.href = WEB_APP_MANIFEST_PATH;
  doc.head.append(link);
  return link;
}
