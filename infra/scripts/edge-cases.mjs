// The recorded viewer events (test/events) the deploy runs through CloudFront's own TestFunction
// before it publishes a function, with what each function must answer. The infra tests run the
// same cases on Node's vm and on njs, so an expectation here is known to hold before a deploy
// relies on it. Times are relative to `nowMs`: TestFunction runs with CloudFront's clock.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EVENTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'events');
const WINDOW_SECONDS = 43200; // docs/algorithms.md
const HASH = '10fa7d873655acdb';

/** A recorded event (without its `$comment`) with a request uri, method or response status. */
export function recordedEvent(kind, { uri, method, status } = {}) {
  const event = JSON.parse(readFileSync(join(EVENTS_DIR, `${kind}.json`), 'utf8'));
  delete event.$comment;
  if (uri !== undefined) event.request.uri = uri;
  if (method !== undefined) event.request.method = method;
  if (status !== undefined) event.response.statusCode = status;
  return event;
}

/**
 * Every case, by function file.
 * @param {number} nowMs - the clock the functions will read
 * @returns {{ file: string, id: string, event: object, expect: { uri?: string, statusCode?: number } }[]}
 *   `expect.uri`: the function passes the request on with this uri; `expect.statusCode`: it answers
 */
export function edgeCases(nowMs) {
  const window = Math.floor(nowMs / 1000 / WINDOW_SECONDS);
  const link = (w) => `/downloads/${w}/${HASH}/windows/local-memory-windows.zip`;
  const request = (file, id, uri, expect, method) => ({
    file,
    id,
    event: recordedEvent('viewer-request', { uri, method }),
    expect,
  });
  const response = (file, id, uri, status, expect) => ({
    file,
    id,
    event: recordedEvent('viewer-response', { uri, status }),
    expect,
  });
  return [
    request('site-routing.js', 'home', '/', { uri: '/index.html' }),
    request('site-routing.js', 'pricing', '/pricing', { uri: '/pricing.html' }),
    request('site-routing.js', 'success', '/success', { uri: '/success.html' }),
    request('site-routing.js', 'account', '/account', { uri: '/account.html' }),
    request('site-routing.js', 'unknown page', '/no-such-page', { uri: '/404.html' }),
    request('site-routing.js', 'asset', '/assets/index-BX9a1c2d.js', {
      uri: '/assets/index-BX9a1c2d.js',
    }),
    request('site-routing.js', 'traversal', '/%2e%2e/index.html', { statusCode: 400 }),
    response('site-routing.js', 'not-found document', '/404.html', 200, { statusCode: 404 }),
    response('site-routing.js', 'real page', '/index.html', 200, { statusCode: 200 }),
    request('download-links.js', 'live link', link(window), { uri: link(window) }),
    request('download-links.js', 'next window', link(window + 1), { uri: link(window + 1) }),
    request('download-links.js', 'expired link', link(window - 5), { statusCode: 410 }),
    request('download-links.js', 'malformed link', '/downloads/.lease.json', { statusCode: 403 }),
    request('download-links.js', 'release manifest', '/downloads/release.json', {
      uri: '/downloads/release.json',
    }),
    request('api-time.js', 'clock', '/api/time', { statusCode: 200 }),
    request('api-time.js', 'clock by POST', '/api/time', { statusCode: 404 }, 'POST'),
    request('api-time.js', 'other api path', '/api/purchases/cs_test_a1', { statusCode: 404 }),
  ];
}

/**
 * What is wrong with a function's result for a case, or null when it is what the case expects.
 * A request passed on has a `uri` and no `statusCode`; an answer has a `statusCode`.
 */
export function checkResult(result, expect) {
  if (result === null || typeof result !== 'object') return `no result (${JSON.stringify(result)})`;
  if (expect.uri !== undefined) {
    if (result.statusCode !== undefined)
      return `answered ${result.statusCode}, expected the request passed on`;
    if (result.uri !== expect.uri)
      return `uri ${JSON.stringify(result.uri)}, expected ${expect.uri}`;
  }
  if (expect.statusCode !== undefined && result.statusCode !== expect.statusCode)
    return `status ${result.statusCode}, expected ${expect.statusCode}`;
  return null;
}

/**
 * The function's result in TestFunction's `TestResult.FunctionOutput` (a JSON string holding
 * `{ request }` when the function passed the request on, `{ response }` when it answered).
 */
export function resultOfTestFunction(functionOutput, expect) {
  const output = JSON.parse(functionOutput);
  return (expect.uri !== undefined ? output.request : output.response) ?? output;
}
