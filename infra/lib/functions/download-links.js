// CloudFront Function (cloudfront-js-2.0), viewer request on `/downloads/*`.
//
// A download link is `/downloads/{window}/{hash}/{platform}/{filename}`. A link that is not of
// that shape gets a short HTML 403 page, and a link whose window has been cleaned up (older than
// current - 4, docs/algorithms.md) or lies beyond the next window gets a 410 page; both send the
// buyer back to their Success page, which derives fresh links. Only well-formed, live links reach
// S3. This is done here, per behaviour, and not with CloudFront custom error responses, because
// those apply to the whole distribution: they would also rewrite the API's JSON 403/404/410 errors
// and the site's own 404s. The hash cannot be checked here without the download secret (which must
// never reach the edge), so a live window with a wrong hash is S3's own 403, which is still an
// error status: no browser will save it as a .zip.
//
// Written in the documented cloudfront-js-2.0 subset (ES 5.1 plus its listed ES 6-12 features, so
// `Object.prototype.hasOwnProperty.call`, not ES2022's `Object.hasOwn`):
// scripts/lint-edge-functions.mjs lints it and the infra tests run this exact file in Node and on
// njs.

const WINDOW_SECONDS = 43200;
const KEPT_WINDOWS = 4;
// packages/download-keys PLATFORM_CATALOGUE; a test keeps these in step.
const FILENAMES = {
  macos: 'local-memory-macos.zip',
  windows: 'local-memory-windows.zip',
  linux: 'local-memory-linux.zip',
  universal: 'local-memory-universal.zip',
};

function page(statusCode, statusDescription, title, text) {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="robots" content="noindex"><title>' +
    title +
    ' · Local Memory</title></head><body><main><h1>' +
    title +
    '</h1><p>' +
    text +
    '</p><p>Go back to your Success page (the tab you came from, or the link in your receipt ' +
    'email) and it will show fresh download links. Your license key has not changed.</p>' +
    '<p><a href="/">Local Memory</a></p></main></body></html>';
  return {
    statusCode: statusCode,
    statusDescription: statusDescription,
    headers: {
      'content-type': { value: 'text/html; charset=utf-8' },
      'cache-control': { value: 'no-store' },
      'x-robots-tag': { value: 'noindex' },
    },
    body: { encoding: 'text', data: html },
  };
}

const RELEASE_MANIFEST = '/downloads/release.json';

/** `{ ok: true }`, or `{ ok: false, status }` (403 malformed, 410 expired) for a link path. */
function checkLink(uri, nowMs) {
  // download-ops publishes the release manifest (version, sizes, SHA-256) at one stable path for
  // the Success page's release details; nothing else in the bucket (its lease object included)
  // is served except well-formed links.
  if (uri === RELEASE_MANIFEST) return { ok: true };
  const parts = typeof uri === 'string' ? uri.split('/') : [];
  // ['', 'downloads', window, hash, platform, filename]
  if (parts.length !== 6 || parts[0] !== '' || parts[1] !== 'downloads') {
    return { ok: false, status: 403 };
  }
  const windowText = parts[2];
  const hash = parts[3];
  const platform = parts[4];
  if (!/^(0|[1-9][0-9]{0,9})$/.test(windowText) || !/^[0-9a-f]{16}$/.test(hash)) {
    return { ok: false, status: 403 };
  }
  // biome-ignore lint/suspicious/noPrototypeBuiltins: cloudfront-js-2.0 has no Object.hasOwn
  if (!Object.prototype.hasOwnProperty.call(FILENAMES, platform)) return { ok: false, status: 403 };
  if (FILENAMES[platform] !== parts[5]) return { ok: false, status: 403 };
  const current = Math.floor(nowMs / 1000 / WINDOW_SECONDS);
  const timeWindow = Number(windowText);
  if (timeWindow < current - KEPT_WINDOWS || timeWindow > current + 1) {
    return { ok: false, status: 410 };
  }
  return { ok: true };
}

// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls the top-level handler
function handler(event) {
  const request = event.request;
  const verdict = checkLink(request.uri, Date.now());
  if (verdict.ok) return request;
  if (verdict.status === 410) {
    return page(410, 'Gone', 'This download link has expired', 'Download links last two days.');
  }
  return page(403, 'Forbidden', 'This download link is not valid', 'It may have been mistyped.');
}
