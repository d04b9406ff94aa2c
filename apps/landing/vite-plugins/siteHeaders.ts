/**
 * The production response headers (`@local-memory/site-policy`) on the preview and dev servers,
 * so local runs and the e2e suite see the CSP, HSTS, caching and the rest exactly as CloudFront
 * sends them. In browser fulfilment with no API_ORIGIN, `GET /api/time` is answered here the way
 * the CloudFront Function answers it in production: the server's clock, never cached.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  FULFILMENT_MODES,
  type FulfilmentMode,
  headersFor,
  TIME_PATH,
} from '@local-memory/site-policy';
import type { Plugin } from 'vite';
import { type CspHashes, readCspHashes } from './prerender.ts';

type Next = (error?: unknown) => void;

/** Options of {@link siteHeadersHandler}. */
export interface SiteHeadersOptions {
  readonly mode: FulfilmentMode;
  /** Set when an API answers `/api/*` (server fulfilment); the time source is then the API's. */
  readonly apiOrigin?: string;
  /**
   * Whether to send the Content-Security-Policy. The dev server injects inline scripts for hot
   * reload that the production policy (rightly) forbids, so it gets every header but this one.
   */
  readonly csp: boolean;
  /** The build's inline-style and inline-script hashes (prerender.ts), read per page served. */
  readonly cspHashes?: () => CspHashes;
}

/**
 * Read the fulfilment mode the way the site's config does.
 * @param value - VITE_FULFILMENT
 * @throws {RangeError} naming the variable when the value is not a mode
 */
export function fulfilmentFromEnv(value: string | undefined): FulfilmentMode {
  const mode = value === undefined || value === '' ? 'browser' : value;
  if (!FULFILMENT_MODES.includes(mode as FulfilmentMode)) {
    throw new RangeError(
      `VITE_FULFILMENT: expected ${FULFILMENT_MODES.join(' or ')}, got "${mode}"`,
    );
  }
  return mode as FulfilmentMode;
}

/** The middleware, exported for tests. */
export function siteHeadersHandler(options: SiteHeadersOptions) {
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const pathname = (req.url ?? '/').split('?')[0] || '/';
    const headers = headersFor(pathname.startsWith('/') ? pathname : `/${pathname}`, {
      mode: options.mode,
      ...options.cspHashes?.(),
    });
    for (const [name, value] of Object.entries(headers)) {
      if (name === 'Content-Security-Policy' && !options.csp) continue;
      res.setHeader(name, value);
    }
    if (pathname === TIME_PATH && options.mode === 'browser' && !options.apiOrigin) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'method_not_allowed', message: 'Use GET.' } }));
        return;
      }
      const nowMs = Date.now();
      const body = JSON.stringify({ unixSeconds: nowMs / 1000 });
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
        date: new Date(nowMs).toUTCString(),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    next();
  };
}

/**
 * @param env - the process environment: VITE_FULFILMENT and API_ORIGIN are read
 */
export function siteHeaders(env: Record<string, string | undefined> = process.env): Plugin {
  const mode = fulfilmentFromEnv(env.VITE_FULFILMENT);
  const apiOrigin = env.API_ORIGIN || undefined;
  const base = { mode, ...(apiOrigin && { apiOrigin }) };
  return {
    name: 'local-memory-site-headers',
    configureServer(server) {
      server.middlewares.use(siteHeadersHandler({ ...base, csp: false }));
    },
    configurePreviewServer(server) {
      // The build's inline hashes, as the CDK app puts them in CloudFront's policy.
      const cspHashes = () => readCspHashes(server.config.root, server.config.build.outDir);
      server.middlewares.use(siteHeadersHandler({ ...base, csp: true, cspHashes }));
    },
  };
}
