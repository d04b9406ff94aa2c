// The store lease through the CLI: writers racing, waiting, taking over an expired lease, and
// giving it back when interrupted; and the conditional write it rests on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { s3ObjectKey } from '@local-memory/download-keys';
import { strToU8 } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/types.js';
import { HOURS, ops, SECRET, T0 } from './cliHarness.js';
import { startFaultProxy } from './faultProxy.js';
import { s3StoreOn } from './s3Store.js';
import { type Backend, manifestOf, STORES, sha256, useStoreFixture } from './storeFixture.js';

const fx = useStoreFixture();

describe.each(STORES)('the store lease on the $name', ({ make }) => {
  let backend: Backend;
  let env: Record<string, string>;
  beforeEach(async () => {
    backend = await make(fx);
    env = backend.env;
  });

  it('a manual upload racing the scheduled rotate ends with a complete, verified release', async () => {
    expect((await ops(['upload', fx.releaseA], env, { now: T0 })).code).toBe(0);
    // A day later rotation has lagged: rotate copies window 40649 (build A) into 40650 and
    // 40651, the very windows an upload of build B now writes.
    const now = T0 + 24 * HOURS;
    const inner = backend.store();
    let reachedCopy: () => void = () => undefined;
    const atCopy = new Promise<void>((resolve) => {
      reachedCopy = resolve;
    });
    let uploadDone: () => void = () => undefined;
    const uploaded = new Promise<void>((resolve) => {
      uploadDone = resolve;
    });
    let paused = false;
    // Rotate's store pauses before its first copy until the upload has finished, or for at most
    // two seconds (when the upload is waiting for rotate's lease).
    const gated: Store = {
      description: inner.description,
      putFile: (...a) => inner.putFile(...a),
      putBytes: (...a) => inner.putBytes(...a),
      putIfAbsent: (...a) => inner.putIfAbsent(...a),
      head: (k) => inner.head(k),
      get: (k) => inner.get(k),
      hashObject: (k) => inner.hashObject(k),
      list: (p) => inner.list(p),
      deleteMany: (k) => inner.deleteMany(k),
      async copy(source, target) {
        if (!paused) {
          paused = true;
          reachedCopy();
          await Promise.race([uploaded, new Promise((r) => setTimeout(r, 2000))]);
        }
        return inner.copy(source, target);
      },
    };
    const rotating = ops(['rotate'], env, { now, store: gated });
    await Promise.race([atCopy, rotating]);
    const upload = await ops(['upload', fx.releaseB, '--build-version', '2.0.0'], env, { now });
    uploadDone();
    const rotated = await rotating;
    expect(upload.code, upload.stderr).toBe(0);
    expect(rotated.code, rotated.stderr).toBe(0);
    const verified = await ops(['verify', '--deep', '--json'], env, { now });
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.json()).toMatchObject({ ok: true, checked: 8 });
    expect((await manifestOf(backend)).build).toMatchObject({ version: '2.0.0' });
    const linuxB = sha256(readFileSync(join(fx.releaseB, 'local-memory-linux.zip')));
    for (const w of [40650, 40651]) {
      const bytes = await backend.read(s3ObjectKey(SECRET, w, 'linux', 'downloads'));
      expect(sha256(bytes ?? new Uint8Array()), `window ${w}`).toBe(linuxB);
    }
    expect((await ops(['rotate'], env, { now })).code).toBe(0);
  });

  it('a writer waits a bounded time for a live lease, names its holder, and takes over an expired one', async () => {
    const lease = (expiresAt: number) =>
      JSON.stringify({
        owner: 'ci@runner-7 pid 4242 (GitHub run 99)',
        command: 'rotate',
        startedAt: T0 - 60,
        expiresAt,
        token: 'other-writer',
      });
    await backend.write('downloads/.lease.json', lease(T0 + 3600));
    // The wait runs on the test's clock, moved on by each poll's sleep: the count of polls
    // shows that --wait 1 bounds it, however loaded the machine is.
    let ms = 0;
    const sleeps: number[] = [];
    const leaseClock = {
      nowMs: () => ms,
      sleep: async (d: number) => {
        sleeps.push(d);
        ms += d;
      },
      // the lease is never taken here, so never renewed
      every: () => () => undefined,
    };
    const busy = await ops(['upload', fx.releaseA, '--wait', '1', '--json'], env, {
      io: { leaseClock },
    });
    expect(busy.code).toBe(1);
    // One second of polls every 50 ms (the harness's interval).
    expect(sleeps).toEqual(Array.from({ length: 20 }, () => 50));
    expect(busy.json()).toMatchObject({ error: { code: 'LEASE_HELD' } });
    expect(busy.json<{ error: { message: string } }>().error.message).toContain(
      'ci@runner-7 pid 4242',
    );
    expect(await backend.read(s3ObjectKey(SECRET, 40648, 'linux', 'downloads'))).toBeNull();

    await backend.write('downloads/.lease.json', lease(T0 - 1));
    const taken = await ops(['upload', fx.releaseA], env);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stderr).toMatch(/taking over the expired lease of ci@runner-7/);
    expect(await backend.read('downloads/.lease.json')).toBeNull();
  });
});

describe('the conditional write under the lease', () => {
  it('s3rver ignores If-None-Match: *, so the proxy in front of it enforces it', async () => {
    const bucket = await fx.s3.bucket();
    const put = (body: string) =>
      fx.s3.client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'x/.lease.json',
          Body: body,
          IfNoneMatch: '*',
        }),
      );
    await put('first');
    const second = await put('second').then(
      () => 'accepted',
      () => 'refused',
    );
    // s3rver 3.7.1 does not implement conditional writes (MinIO and S3 do, when S3_ENDPOINT is set).
    if (!process.env.S3_ENDPOINT) expect(second).toBe('accepted');
    const store = s3StoreOn(fx.s3, bucket, fx.proxy.endpoint);
    expect(await store.putIfAbsent('x/.lease.json', strToU8('third'), 'application/json')).toBe(
      false,
    );
    expect(await store.putIfAbsent('x/other.json', strToU8('new'), 'application/json')).toBe(true);
    store.destroy();
  });
});

describe('an interrupted writer gives the lease back', () => {
  it('releases the lease on SIGINT (the real bin) instead of leaving it to expire', async () => {
    const { spawn } = await import('node:child_process');
    const bucket = await fx.s3.bucket();
    const stalled = await startFaultProxy(fx.s3.endpoint, {
      failShare: 0,
      cutShare: 0,
      seed: 3,
      exists: fx.s3.exists,
      // Every ZIP upload stalls, so the upload is still holding the lease when interrupted.
      hang: (method, path) => method === 'PUT' && path.endsWith('.zip'),
    });
    const leaseHeld = async () => {
      try {
        await fx.s3.client.send(
          new HeadObjectCommand({ Bucket: bucket, Key: 'downloads/.lease.json' }),
        );
        return true;
      } catch {
        return false;
      }
    };
    const bin = join(import.meta.dirname, '..', 'dist', 'cli.js');
    const child = spawn(process.execPath, [bin, 'upload', fx.releaseA], {
      env: {
        ...process.env,
        ...fx.s3.env,
        S3_ENDPOINT: stalled.endpoint,
        S3_BUCKET: bucket,
        DOWNLOAD_SECRET: SECRET,
      },
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Wait for the lease however long the child takes to start (the test's timeout bounds it),
    // unless the child has already exited.
    while (child.exitCode === null && !(await leaseHeld()))
      await new Promise((r) => setTimeout(r, 50));
    expect(await leaseHeld()).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    await stalled.stop();
    expect(await leaseHeld()).toBe(false);
  });
});
