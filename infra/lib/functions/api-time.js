// CloudFront Function (cloudfront-js-2.0) answering `/api/*` in browser-fulfilment deployments,
// which have no API: `GET /api/time` is the Success page's clock reference, answered at the edge
// with the edge's clock and never cached (a cached Date would be hours old: issue 16); every other
// `/api/` path is a JSON 404 in the API's error shape. Tests run this exact file in Node.

function json(statusCode, statusDescription, value) {
  return {
    statusCode: statusCode,
    statusDescription: statusDescription,
    headers: {
      'content-type': { value: 'application/json; charset=utf-8' },
      'cache-control': { value: 'no-store' },
      date: { value: new Date().toUTCString() },
    },
    body: { encoding: 'text', data: JSON.stringify(value) },
  };
}

function handler(event) {
  var request = event.request;
  if (request.uri === '/api/time' && (request.method === 'GET' || request.method === 'HEAD')) {
    return json(200, 'OK', { unixMs: Date.now() });
  }
  return json(404, 'Not Found', {
    error: { code: 'not_found', message: 'This site has no API at ' + request.uri + '.' },
  });
}
