/**
 * Serves the local download store at /downloads/* from the dev and preview servers, the way the
 * CDN serves S3 in production: file `{storeDir}/downloads/{window}/{hash}/{platform}/{file}` at URL
 * `/downloads/{window}/{hash}/{platform}/{file}`. Only well-formed download paths are served, so
 * nothing else in the folder (or outside it) is reachable. The file is opened first, then
 * measured (fstat) and streamed from that one descriptor, so cleanup deleting it meanwhile can
 * only turn the answer into a 404, never crash the server.
 * @module
 */
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { parseDownloadPath } from '@local-memory/download-keys';
import type { Plugin } from 'vite';

const URL_PREFIX = '/downloads/';
/** download-ops' release manifest, published beside the downloads at a stable path. */
const MANIFEST = 'release.json';

type Next = (error?: unknown) => void;

/** The request handler, exported for tests. */
export function downloadStoreHandler(storeDir: string) {
  const root = resolve(storeDir);
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const pathname = (req.url ?? '').split('?')[0] ?? '';
    if (!pathname.startsWith(URL_PREFIX)) {
      next();
      return;
    }
    const tail = pathname.slice(URL_PREFIX.length);
    if (tail === MANIFEST) {
      serveManifest(join(root, 'downloads', MANIFEST), req, res);
      return;
    }
    const location = parseDownloadPath(tail);
    if (location === null || tail.split('/').length !== 4) {
      notFound(res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = join(
      root,
      'downloads',
      String(location.timeWindow),
      location.downloadHash,
      location.platform,
      location.filename,
    );
    serveFile(file, location.filename, req, res).catch(() => {
      // Whatever went wrong after the headers (a read error): end the response, keep serving.
      if (!res.headersSent) gone(res);
      else res.destroy();
    });
  };
}

async function serveFile(
  file: string,
  filename: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let handle: import('node:fs/promises').FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    // Missing (never there, or deleted by cleanup since the link was made).
    gone(res);
    return;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      await handle.close();
      gone(res);
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/zip',
      'content-length': String(stats.size),
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, max-age=3600',
    });
    if (req.method === 'HEAD') {
      await handle.close();
      res.end();
      return;
    }
    const stream = handle.createReadStream({ start: 0, end: Math.max(0, stats.size - 1) });
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    if (stats.size === 0) {
      stream.destroy();
      res.end();
      return;
    }
    stream.pipe(res);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/** The file is not (or no longer) there. */
function gone(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(
    'This download is no longer here: its link has expired. Open your Success page again for a fresh link.\n',
  );
}

function serveManifest(file: string, req: IncomingMessage, res: ServerResponse): void {
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('No release yet.\n');
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': String(body.length),
    'cache-control': 'public, max-age=300',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function notFound(res: ServerResponse): void {
  // What S3 behind CloudFront answers for an expired or wrong link.
  res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(
    'This download link has expired or is not valid. Open your Success page again for a fresh link.\n',
  );
}

/**
 * @param storeDir - the filesystem store, e.g. from DOWNLOAD_STORE_DIR
 */
export function downloadStore(storeDir: string): Plugin {
  const handler = downloadStoreHandler(storeDir);
  return {
    name: 'local-memory-download-store',
    configureServer(server) {
      server.middlewares.use(handler);
    },
    configurePreviewServer(server) {
      server.middlewares.use(handler);
    },
  };
}
