// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { s3ObjectKey } from '@local-memory/download-keys';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { downloadStoreHandler } from './downloadStore';

// Cleanup deleting a file while the server is looking at it: the first file-system call that
// touches `vanish` (a stat, or an open) removes the file right after (stat) or right before (open)
// doing its work, the worst moment for each.
const hooks = vi.hoisted(() => ({ vanish: '' }));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    statSync: ((path: string, ...rest: unknown[]) => {
      const stats = (actual.statSync as (...a: unknown[]) => unknown)(path, ...rest);
      if (hooks.vanish !== '' && String(path).endsWith(hooks.vanish)) {
        actual.rmSync(path, { force: true });
        hooks.vanish = '';
      }
      return stats;
    }) as typeof actual.statSync,
  };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    open: (async (path: string, ...rest: unknown[]) => {
      if (hooks.vanish !== '' && String(path).endsWith(hooks.vanish)) {
        await actual.rm(path, { force: true });
        hooks.vanish = '';
      }
      return (actual.open as (...a: unknown[]) => Promise<unknown>)(path, ...rest);
    }) as typeof actual.open,
  };
});

/** Send a request line exactly as given (no URL normalisation on the way) and read the answer. */
function rawGet(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let answer = '';
    socket.on('data', (d) => {
      answer += d;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

const SECRET = 'UNIT-TEST-ONLY-landing-secret-0123456789';
let dir: string;
let server: Server;
let origin: string;
const key = s3ObjectKey(SECRET, 40648, 'linux');
const body = Buffer.from('PK\u0003\u0004 not really a zip, but bytes are bytes');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'store-'));
  mkdirSync(join(dir, key, '..'), { recursive: true });
  writeFileSync(join(dir, key), body);
  writeFileSync(join(dir, 'secret.txt'), 'not for the web');
  const handler = downloadStoreHandler(dir);
  server = createServer((req, res) =>
    handler(req, res, () => {
      res.writeHead(404).end('next');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('download store middleware', () => {
  it('serves a stored ZIP at /downloads/... with a ZIP content type', async () => {
    const response = await fetch(`${origin}/${key}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toContain('local-memory-linux.zip');
    expect(response.headers.get('date')).not.toBeNull();
    expect(Buffer.from(await response.arrayBuffer())).toEqual(body);
    const head = await fetch(`${origin}/${key}`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(body.length));
  });

  it('answers 403 like the CDN for malformed links, 404 for a file no longer there', async () => {
    const missing = await fetch(`${origin}/${key.replace('40648', '40647')}`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/expired/);
    for (const path of [
      '/downloads/secret.txt',
      '/downloads/40648/zzzz/linux/local-memory-linux.zip',
    ]) {
      const response = await fetch(`${origin}/${path.replace(/^\//, '')}`);
      expect(response.status, path).toBe(403);
      expect(await response.text()).toMatch(/expired or is not valid/);
    }
  });

  it('never reaches outside the store, even through dot segments', async () => {
    for (const path of [
      'downloads/../secret.txt',
      'downloads/%2e%2e/secret.txt',
      'downloads/..%2fsecret.txt',
      'secret.txt',
    ]) {
      const text = await (await fetch(`${origin}/${path}`)).text();
      expect(text, path).not.toContain('not for the web');
    }
  });

  it('never reaches outside the store through raw ".." segments nothing normalised first', async () => {
    const port = (server.address() as AddressInfo).port;
    for (const target of [
      '/downloads/../secret.txt',
      '/downloads/40648/../../secret.txt',
      '/downloads/40648/0123456789abcdef/linux/../../../../secret.txt',
      '/downloads/..%2f..%2fsecret.txt',
    ]) {
      const answer = await rawGet(port, target);
      expect(answer, target).toMatch(/^HTTP\/1\.1 (403|404) /);
      expect(answer, target).not.toContain('not for the web');
    }
  });

  it('answers 404 and keeps serving when cleanup deletes the file as it is looked at (reproduction 12)', async () => {
    const doomed = s3ObjectKey(SECRET, 40649, 'linux');
    mkdirSync(join(dir, doomed, '..'), { recursive: true });
    writeFileSync(join(dir, doomed), body);
    hooks.vanish = doomed.split('/').slice(-3).join('/');
    const status = await new Promise<number>((resolve, reject) => {
      const request = get(`${origin}/${doomed}`, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', () => resolve(-1));
      });
      request.on('error', reject);
    });
    hooks.vanish = '';
    // 404 when the file went before it was opened; the server is still up for the next request.
    expect(status).toBe(404);
    const next = await fetch(`${origin}/${key}`);
    expect(next.status).toBe(200);
    expect(Buffer.from(await next.arrayBuffer())).toEqual(body);
  });

  it('finishes a download whose file is deleted mid-stream (served from the open descriptor)', async () => {
    const big = s3ObjectKey(SECRET, 40650, 'linux');
    const bytes = Buffer.alloc(4 * 1024 * 1024, 0x5a);
    mkdirSync(join(dir, big, '..'), { recursive: true });
    writeFileSync(join(dir, big), bytes);
    const received = await new Promise<Buffer>((resolve, reject) => {
      get(`${origin}/${big}`, (response) => {
        const chunks: Buffer[] = [];
        response.once('data', () => rmSync(join(dir, big)));
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks)));
        response.on('error', reject);
      }).on('error', reject);
    });
    expect(received.length).toBe(bytes.length);
  });

  it('passes every other path to the next handler', async () => {
    const response = await fetch(`${origin}/success?session_id=cs_test_a`);
    expect(await response.text()).toBe('next');
  });
});
