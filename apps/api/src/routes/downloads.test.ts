import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { serve } from '@hono/node-server';
import { type Platform, s3ObjectKey, timeWindowAt } from '@local-memory/download-keys';
// The same s3rver launcher download-ops' storage tests use (or S3_ENDPOINT when CI provides one).
import { startTestS3, type TestS3 } from '@local-memory/testkit/s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness, TEST_DOWNLOAD_SECRET } from '../testing/harness.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const nowWindow = () => timeWindowAt(Date.now() / 1000);

describe('downloads from S3 (s3rver on loopback)', () => {
  let s3: TestS3;
  let bucket: string;
  let h: Harness;
  const linux = randomBytes(4096);
  const macos = randomBytes(2048);

  async function put(platform: Platform, window: number, body: Uint8Array) {
    await s3.client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: s3ObjectKey(TEST_DOWNLOAD_SECRET, window, platform, 'downloads'),
        Body: body,
        ContentType: 'application/zip',
      }),
    );
  }

  beforeAll(async () => {
    s3 = await startTestS3();
    bucket = await s3.bucket();
    const current = nowWindow();
    // linux in the current and previous windows; macos only in the previous one (rotation lagging).
    await put('linux', current, linux);
    await put('linux', current - 1, linux);
    await put('macos', current - 1, macos);
    h = await startHarness({
      env: { DOWNLOAD_STORE_DIR: undefined, S3_BUCKET: bucket, S3_ENDPOINT: s3.endpoint },
      services: { s3: s3.client },
    });
  });
  afterAll(async () => {
    await h?.close();
    await s3?.stop();
  });

  it('redirects a paid buyer to a 15-minute presigned attachment of the current window', async () => {
    const session = h.standin.createSession();
    const response = await h.request(`/api/downloads/${session.id}/linux`);
    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin).toBe(s3.endpoint);
    expect(location.pathname).toContain(`/downloads/${nowWindow()}/`);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('900');
    const file = await fetch(location);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(
      'attachment; filename="local-memory-linux.zip"',
    );
    expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(linux));
  });

  it('falls back to the previous window when the current one lacks the object', async () => {
    const session = h.standin.createSession();
    const response = await h.request(`/api/downloads/${session.id}/macos`);
    expect(response.status).toBe(302);
    const location = response.headers.get('location') ?? '';
    expect(location).toContain(`/downloads/${nowWindow() - 1}/`);
    const file = await fetch(location);
    expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(macos));
  });

  it('503 download_unavailable when neither window holds the object', async () => {
    const session = h.standin.createSession();
    const response = await h.request(`/api/downloads/${session.id}/windows`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'download_unavailable' } });
  });

  it('an expired presigned link is refused by the store (403)', async () => {
    const sixteenMinutesAgo = () => Date.now() - 16 * 60 * 1000;
    const past = await startHarness({
      env: { DOWNLOAD_STORE_DIR: undefined, S3_BUCKET: bucket, S3_ENDPOINT: s3.endpoint },
      services: { s3: s3.client, now: sixteenMinutesAgo },
    });
    try {
      const session = past.standin.createSession();
      const response = await past.request(`/api/downloads/${session.id}/linux`);
      expect(response.status).toBe(302);
      const expired = await fetch(response.headers.get('location') ?? '');
      expect(expired.status).toBe(403);
    } finally {
      await past.close();
    }
  });

  it('never redirects for an unpaid, refunded, unknown or malformed purchase', async () => {
    const unpaid = h.standin.createSession({ status: 'open', paymentStatus: 'unpaid' });
    const refunded = h.standin.createSession({ refunded: true });
    const cases: Array<[string, number, string]> = [
      [`/api/downloads/${unpaid.id}/linux`, 409, 'payment_pending'],
      [`/api/downloads/${refunded.id}/linux`, 410, 'refunded'],
      ['/api/downloads/cs_test_unknownSession42/linux', 404, 'not_found'],
      ['/api/downloads/cs_test_abc%2F..%2Fx/linux', 400, 'invalid_session_id'],
      [`/api/downloads/${refunded.id}/beos`, 400, 'invalid_platform'],
    ];
    for (const [path, status, code] of cases) {
      const response = await h.request(path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.json()).toMatchObject({ error: { code } });
    }
  });
});

describe('downloads from a local store (DOWNLOAD_STORE_DIR)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('streams the file as an attachment', async () => {
    if (h.config.downloads.kind !== 'dir') throw new Error('expected a local store');
    const bytes = randomBytes(10_000);
    const key = s3ObjectKey(TEST_DOWNLOAD_SECRET, nowWindow(), 'universal', 'downloads');
    const file = join(h.config.downloads.dir, ...key.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    const session = h.standin.createSession();
    const response = await h.request(`/api/downloads/${session.id}/universal`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="local-memory-universal.zip"',
    );
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(bytes));
  });
});

describe('open files while serving a local store', () => {
  let h: Harness;
  let server: Server;
  let origin: string;
  let zip: string;
  let path: string;
  const size = 256 * 1024;

  /** Descriptors of this process that point at the ZIP (the server runs in this process). */
  const openZips = () => {
    let count = 0;
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        if (readlinkSync(`/proc/self/fd/${fd}`) === zip) count++;
      } catch {
        // closed between listing and reading
      }
    }
    return count;
  };

  /** Run `n` requests, `parallel` at a time. */
  async function times(n: number, parallel: number, one: () => Promise<void>) {
    for (let done = 0; done < n; done += parallel) {
      await Promise.all(Array.from({ length: Math.min(parallel, n - done) }, one));
    }
  }

  /** A GET that reads the first chunk of the body and then drops the connection. */
  const abortedGet = () =>
    new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${origin}${path}`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
        res.once('error', () => undefined);
      });
      req.on('error', (error) => {
        if (!req.destroyed) reject(error);
      });
      req.end();
    });

  beforeAll(async () => {
    h = await startHarness();
    if (h.config.downloads.kind !== 'dir') throw new Error('expected a local store');
    const key = s3ObjectKey(TEST_DOWNLOAD_SECRET, nowWindow(), 'linux', 'downloads');
    zip = join(h.config.downloads.dir, ...key.split('/'));
    mkdirSync(dirname(zip), { recursive: true });
    writeFileSync(zip, randomBytes(size));
    path = `/api/downloads/${h.standin.createSession().id}/linux`;
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(s as Server),
      );
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await h?.close();
  });

  it('HEAD answers from stat and opens nothing', async () => {
    const before = openZips();
    await times(500, 25, async () => {
      const response = await fetch(`${origin}${path}`, { method: 'HEAD' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-length')).toBe(String(size));
      expect(response.headers.get('content-type')).toBe('application/zip');
    });
    await vi.waitFor(() => expect(openZips()).toBe(before), { timeout: 10_000, interval: 50 });
  });

  it('finished GETs close the file', async () => {
    const before = openZips();
    await times(500, 25, async () => {
      const response = await fetch(`${origin}${path}`);
      expect((await response.arrayBuffer()).byteLength).toBe(size);
    });
    await vi.waitFor(() => expect(openZips()).toBe(before), { timeout: 10_000, interval: 50 });
  });

  it('GETs the client abandons mid-body close the file', async () => {
    const before = openZips();
    await times(500, 25, abortedGet);
    await vi.waitFor(() => expect(openZips()).toBe(before), { timeout: 10_000, interval: 50 });
  });
});
