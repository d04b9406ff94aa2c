// CloudFront Function (cloudfront-js-2.0) answering `/api/*` in browser-fulfilment deployments,
// which have no API: `GET /api/time` is the Success page's clock reference, answered at the edge
// with the edge's clock and never cached (a cached Date would be hours old: issue 16); every other
// `/api/` path is a JSON 404 in the API's error shape. Written in the documented cloudfront-js-2.0
// subset (scripts/lint-edge-functions.mjs lints it); the infra tests run this exact file in Node
// and on njs.

function json(statusCode, statusDescription, value, nowMs) {
  return {
    statusCode: statusCode,
    statusDescription: statusDescription,
    headers: {
      'content-type': { value: 'application/json; charset=utf-8' },
      'cache-control': { value: 'no-store' },
      // The same instant as the body: the page may read either.
      date: { value: new Date(nowMs).toUTCString() },
    },
    body: { encoding: 'text', data: JSON.stringify(value) },
  };
}

// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls the top-level handler
function handler(event) {
  const request = event.request;
  const nowMs = Date.now();
  if (request.uri === '/api/time' && (request.method === 'GET' || request.method === 'HEAD')) {
    return json(200, 'OK', { unixSeconds: nowMs / 1000 }, nowMs);
  }
  return json(
    404,
    'Not Found',
    {
      error: { code: 'not_found', message: `This site has no API at ${request.uri}.` },
    },
    nowMs,
  );
}
