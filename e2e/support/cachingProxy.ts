/**
 * A small shared cache on loopback, the way CloudFront sits in front of the site: it keeps
 * `robots.txt` and every other static answer for `ttlSeconds` (an hour), whatever the request's
 * own Cache-Control says, and serves its copy with the origin's original `Date` plus an `Age`
 * header. Answers marked `no-store` or `private` (the `/api/time` source, the downloads) pass
 * through. The key is the whole path with its query, so a cache-busting query is always a miss.
 *
 * `copyAgeSeconds` makes every stored copy as old as a long-lived CDN copy would be: the stored
 * `Date` is moved back by that much and `Age` grows from it.
 * @module
 */
import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Stored {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** When the origin stamped it (real ms, moved back by copyAgeSeconds). */
  readonly originDateMs: number;
  /** Real ms after which the copy is dropped. */
  readonly expiresAt: number;
}

export interface CacheEvent {
  readonly path: string;
  readonly outcome: 'hit' | 'miss' | 'pass';
  /** The `Age` the proxy answered with, for hits and misses. */
  readonly ageSeconds: number | null;
}

export interface CachingProxy {
  readonly origin: string;
  readonly events: CacheEvent[];
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

function cacheable(method: string, status: number, headers: IncomingHttpHeaders): boolean {
  const control = String(headers['cache-control'] ?? '').toLowerCase();
  return (
    method === 'GET' &&
    status === 200 &&
    !/\bno-store\b/.test(control) &&
    !/\bprivate\b/.test(control)
  );
}

/**
 * Start the proxy on 127.0.0.1 (ephemeral port) in front of `upstream`.
 * @param upstream - the origin behind it, e.g. the e2e site
 */
export async function startCachingProxy(
  upstream: string,
  { ttlSeconds = 3600, copyAgeSeconds = 0 }: { ttlSeconds?: number; copyAgeSeconds?: number } = {},
): Promise<CachingProxy> {
  const target = new URL(upstream);
  const store = new Map<string, Stored>();
  const events: CacheEvent[] = [];

  const serveCopy = (
    res: import('node:http').ServerResponse,
    path: string,
    copy: Stored,
    outcome: 'hit' | 'miss',
    head: boolean,
  ) => {
    const ageSeconds = Math.max(0, Math.floor((Date.now() - copy.originDateMs) / 1000));
    events.push({ path, outcome, ageSeconds });
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(copy.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers.date = new Date(copy.originDateMs).toUTCString();
    headers.age = String(ageSeconds);
    headers['content-length'] = String(copy.body.length);
    headers['x-cache'] = outcome === 'hit' ? 'Hit from e2e cache' : 'Miss from e2e cache';
    res.writeHead(copy.status, headers);
    res.end(head ? undefined : copy.body);
  };

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    const key = path;
    const copy = store.get(key);
    if ((method === 'GET' || method === 'HEAD') && copy && copy.expiresAt > Date.now()) {
      serveCopy(res, path, copy, 'hit', method === 'HEAD');
      return;
    }
    // Like CloudFront, fetch a HEAD's object with GET so it can be stored.
    const upstreamMethod = method === 'HEAD' ? 'GET' : method;
    const forward = request(
      {
        host: target.hostname,
        port: target.port,
        method: upstreamMethod,
        path,
        headers: { ...req.headers, host: target.host },
      },
      (upstreamRes) => {
        const chunks: Buffer[] = [];
        upstreamRes.on('data', (chunk: Buffer) => chunks.push(chunk));
        upstreamRes.on('end', () => {
          const status = upstreamRes.statusCode ?? 502;
          const body = Buffer.concat(chunks);
          if (cacheable(upstreamMethod, status, upstreamRes.headers)) {
            const stamped = Date.parse(String(upstreamRes.headers.date ?? '')) || Date.now();
            const stored: Stored = {
              status,
              headers: upstreamRes.headers,
              body,
              originDateMs: stamped - copyAgeSeconds * 1000,
              expiresAt: Date.now() + ttlSeconds * 1000,
            };
            store.set(key, stored);
            serveCopy(res, path, stored, 'miss', method === 'HEAD');
            return;
          }
          events.push({ path, outcome: 'pass', ageSeconds: null });
          const headers = { ...upstreamRes.headers };
          for (const name of HOP_BY_HOP) delete headers[name];
          headers['content-length'] = String(body.length);
          res.writeHead(status, headers);
          res.end(method === 'HEAD' ? undefined : body);
        });
      },
    );
    forward.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`caching proxy: ${upstream} failed: ${error.message}\n`);
    });
    req.pipe(forward);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    events,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
