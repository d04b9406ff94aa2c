/**
 * A loopback HTTP proxy that fails or cuts a share of the requests passing through it, with a
 * seeded generator so a failing run can be replayed:
 * - "fail": answer 503 SlowDown without forwarding (the request never happened);
 * - "cut": forward the request, let the server act on it, then drop the client's connection
 *   before any response byte (the client cannot know whether it happened).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { prng } from '../../download-keys/scripts/prng.mjs';

export interface FaultProxy {
  readonly endpoint: string;
  readonly stats: { requests: number; failed: number; cut: number };
  stop(): Promise<void>;
}

export async function startFaultProxy(
  target: string,
  options: { failShare: number; cutShare: number; seed: number },
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const random = prng(options.seed);
  const stats = { requests: 0, failed: 0, cut: 0 };
  const server: Server = createServer((req, res) => {
    stats.requests++;
    const roll = random();
    if (roll < options.failShare) {
      stats.failed++;
      req.resume();
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Injected fault</Message></Error>',
      );
      return;
    }
    const cut = roll < options.failShare + options.cutShare;
    const forward = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (upstreamRes) => {
        if (cut) {
          stats.cut++;
          upstreamRes.resume();
          upstreamRes.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
