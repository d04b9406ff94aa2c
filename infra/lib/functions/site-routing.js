// CloudFront Function (cloudfront-js-2.0) on the site's default behaviour and the Success and
// account behaviours, for both the viewer-request and the viewer-response event.
//
// Request: clean paths (`/pricing`, `/success`, …) are served from their prerendered HTML
// document; an extension-less path the site does not know is served from `/404.html` (the
// prerendered not-found page). Files (anything whose last segment has a dot) go to
// S3 unchanged, so a missing file is S3's own 404, never an HTML page with 200. `/downloads/` and
// `/api/` have their own behaviours and are never rewritten. The query string is left alone.
//
// Response: the not-found document leaves with status 404. A distribution-wide custom error
// response (403/404 → index.html) is deliberately not used: it would also catch the downloads
// bucket's 403 and the API's JSON errors and turn them into an HTML page with status 200.
//
// Written in the documented cloudfront-js-2.0 subset (ES 5.1 plus its listed ES 6-12 features; no
// modules, no Node APIs, no `Object.hasOwn`): scripts/lint-edge-functions.mjs lints it and the
// infra tests run this exact file in Node and on njs on recorded event shapes.

// Every prerendered page and its document (apps/landing/src/app/routes.ts); a test keeps them in
// step. Each page is its own complete HTML document, so the first paint needs no JavaScript.
const ROUTES = {
  '/': '/index.html',
  '/pricing': '/pricing.html',
  '/terms': '/terms.html',
  '/privacy': '/privacy.html',
  '/refunds': '/refunds.html',
  '/docs/setup': '/docs/setup.html',
  '/success': '/success.html',
  '/account': '/account.html',
};
const NOT_FOUND_DOCUMENT = '/404.html';

function isTraversal(uri) {
  let decoded;
  try {
    decoded = decodeURIComponent(uri);
  } catch (_error) {
    return true;
  }
  if (decoded.indexOf('\\') !== -1 || decoded.indexOf('\0') !== -1) return true;
  if (decoded.indexOf('//') !== -1) return true;
  const segments = decoded.split('/');
  for (let i = 0; i < segments.length; i++) {
    if (segments[i] === '..' || segments[i] === '.') return true;
  }
  return false;
}

/** Where a viewer's path is served from: `{ uri }`, or `{ status }` for a refused path. */
function route(uri) {
  if (typeof uri !== 'string' || uri.charAt(0) !== '/' || isTraversal(uri)) return { status: 400 };
  if (uri.indexOf('/downloads/') === 0 || uri.indexOf('/api/') === 0) return { uri: uri };
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') !== -1) return { uri: uri };
  const clean = uri.length > 1 && uri.charAt(uri.length - 1) === '/' ? uri.slice(0, -1) : uri;
  // biome-ignore lint/suspicious/noPrototypeBuiltins: cloudfront-js-2.0 has no Object.hasOwn
  if (Object.prototype.hasOwnProperty.call(ROUTES, clean)) return { uri: ROUTES[clean] };
  return { uri: NOT_FOUND_DOCUMENT };
}

function badRequest() {
  return {
    statusCode: 400,
    statusDescription: 'Bad Request',
    headers: {
      'content-type': { value: 'text/plain; charset=utf-8' },
      'cache-control': { value: 'no-store' },
    },
    body: { encoding: 'text', data: 'Bad request.\n' },
  };
}

// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls the top-level handler
function handler(event) {
  const request = event.request;
  if (event.context && event.context.eventType === 'viewer-response') {
    const response = event.response;
    // The request seen here may be the rewritten one or the viewer's own: both lead to 404.
    if (response.statusCode === 200) {
      const target = route(request.uri);
      if (request.uri === NOT_FOUND_DOCUMENT || target.uri === NOT_FOUND_DOCUMENT) {
        response.statusCode = 404;
        response.statusDescription = 'Not Found';
      }
    }
    return response;
  }
  const routed = route(request.uri);
  if (routed.status) return badRequest();
  request.uri = routed.uri;
  return request;
}
