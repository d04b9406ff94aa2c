/**
 * Faults at the wire, on loopback:
 * - a proxy in front of the S3 server that fails or cuts a share of the requests, with a seeded
 *   generator so a failing run can be replayed ("fail": 503 SlowDown without forwarding; "cut":
 *   forward, let the server act, then drop the client's connection before any response byte).
 *   It can also enforce `If-None-Match: *` on PutObject, which s3rver 3.7.1 ignores (checked:
 *   a second conditional PUT to an existing key succeeds there), as S3 does since 2024;
 * - a hanging server (accepts, never answers), a connection-resetting server, and an endless
 *   server (sends bytes until the client stops reading), for the artifact fetches.
 */
import { createServer, request, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { seededRandom } from '@local-memory/testkit/prng';

export interface FaultProxy {
  readonly endpoint: string;
  readonly stats: { requests: number; failed: number; cut: number };
  stop(): Promise<void>;
}

export interface FaultProxyOptions {
  readonly failShare: number;
  readonly cutShare: number;
  readonly seed: number;
  /**
   * Answer 412 to a PUT carrying `If-None-Match: *` when `exists(path)` says the object is there
   * (path-style: `/bucket/key`). Conditional PUTs are handled one at a time.
   */
  readonly exists?: (path: string) => Promise<boolean>;
  /** Requests for which this says true are read and never answered (a stalled upload). */
  readonly hang?: (method: string, path: string) => boolean;
}

export async function startFaultProxy(
  target: string,
  options: FaultProxyOptions,
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const random = seededRandom(options.seed);
  const stats = { requests: 0, failed: 0, cut: 0 };
  let conditional: Promise<unknown> = Promise.resolve();
  const server: Server = createServer((req, res) => {
    stats.requests++;
    if (options.hang?.(req.method ?? '', decodeURIComponent((req.url ?? '').split('?')[0] ?? ''))) {
      req.resume();
      return;
    }
    const exists = options.exists;
    if (exists && req.method === 'PUT' && req.headers['if-none-match'] === '*') {
      // Serialised: the existence check and the write it guards happen as one step.
      req.pause();
      conditional = conditional.then(async () => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        if (await exists(path)) {
          req.resume();
          res.writeHead(412, { 'content-type': 'application/xml' });
          res.end(
            '<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>',
          );
          return;
        }
        await new Promise<void>((resolve) => {
          forward(req, res, false);
          res.on('close', () => resolve());
        });
      });
      return;
    }
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
    forward(req, res, roll < options.failShare + options.cutShare);
  });
  function forward(
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
    cut: boolean,
  ) {
    const upstreamRequest = request(
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
    upstreamRequest.on('error', () => req.socket.destroy());
    req.pipe(upstreamRequest);
  }
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

export interface TestServer {
  readonly origin: string;
  /** Connections accepted, and bytes sent (endless server). */
  readonly stats: { connections: number; bytesSent: number };
  stop(): Promise<void>;
}

async function listenTcp(
  onConnection: (socket: Socket, stats: TestServer['stats']) => void,
): Promise<TestServer> {
  const stats = { connections: 0, bytesSent: 0 };
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    stats.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket, stats);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    stats,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts connections and reads the request, but never answers. */
export function startHangingServer(): Promise<TestServer> {
  return listenTcp((socket) => {
    socket.resume();
  });
}

/**
 * Resets the first `resets` connections (TCP RST once the request arrives), then answers each
 * request with `body` (200, with Content-Length).
 */
export function startResettingServer(resets: number, body: Uint8Array): Promise<TestServer> {
  return listenTcp((socket, stats) => {
    socket.once('data', () => {
      if (stats.connections <= resets) {
        socket.resetAndDestroy();
        return;
      }
      socket.write(
        `HTTP/1.1 200 OK\r\ncontent-type: application/zip\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`,
      );
      socket.end(Buffer.from(body));
      stats.bytesSent += body.length;
    });
  });
}

/**
 * Answers 200 without a length and sends bytes until the client stops reading or `cap` bytes
 * have gone (the cap only keeps a broken client from filling the disk during the test).
 */
export function startEndlessServer(cap: number): Promise<TestServer> {
  return listenTcp((socket, stats) => {
    socket.once('data', () => {
      socket.write(
        'HTTP/1.1 200 OK\r\ncontent-type: application/zip\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n',
      );
      const chunk = Buffer.alloc(64 * 1024, 0x50);
      const frame = Buffer.concat([
        Buffer.from(`${chunk.length.toString(16)}\r\n`),
        chunk,
        Buffer.from('\r\n'),
      ]);
      const pump = () => {
        while (!socket.destroyed && stats.bytesSent < cap) {
          stats.bytesSent += chunk.length;
          if (!socket.write(frame)) {
            socket.once('drain', pump);
            return;
          }
        }
        if (!socket.destroyed) socket.end('0\r\n\r\n');
      };
      pump();
    });
  });
}

/** Answers every request with a redirect to `location`. */
export function startRedirectServer(location: string): Promise<TestServer> {
  return listenTcp((socket) => {
    socket.once('data', () => {
      socket.end(
        `HTTP/1.1 302 Found\r\nlocation: ${location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`,
      );
    });
  });
}
