// A loopback front for the e2e sites: answers GET /api/time (what the CloudFront Function and
// the API answer in deployments) and passes everything else to the `vite preview` behind it.
// Only here until the landing's own preview plugin answers /api/time on every branch.
import { createServer, request } from 'node:http';

/** `{ unixMs }`, never cached, with a Date header: the contract of GET /api/time. */
export function answerTime(res) {
  const body = JSON.stringify({ unixMs: Date.now() });
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * Listen on 127.0.0.1:`port`, answer /api/time, forward the rest to `upstream` (an origin).
 * @returns {Promise<{ origin: string, stop: () => Promise<void> }>}
 */
export function startTimeFront(port, upstream) {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/api/time' && (req.method === 'GET' || req.method === 'HEAD')) {
      answerTime(res);
      return;
    }
    const forward = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    forward.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`e2e front: upstream ${upstream} failed: ${error.message}\n`);
    });
    req.pipe(forward);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        origin: `http://127.0.0.1:${server.address().port}`,
        stop: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
