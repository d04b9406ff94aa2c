// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { s3ObjectKey } from '@local-memory/download-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadStoreHandler } from './downloadStore';

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

  it('answers 403 like the CDN for wrong or expired links, and serves nothing else', async () => {
    for (const path of [
      key.replace('40648', '40647'),
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

  it('passes every other path to the next handler', async () => {
    const response = await fetch(`${origin}/success?session_id=cs_test_a`);
    expect(await response.text()).toBe('next');
  });
});
