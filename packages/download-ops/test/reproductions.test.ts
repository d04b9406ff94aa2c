// Issue 13's twelve reproductions (the twelfth, the landing's download server, is tested in
// apps/landing/vite-plugins/downloadStore.test.ts). Each ran against the code before the fix and
// failed; the store-bound ones run against both a folder store and S3 (s3rver on loopback, behind a
// proxy that enforces If-None-Match: * because s3rver ignores it).
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { PLATFORM_CATALOGUE, PLATFORMS, s3ObjectKey } from '@local-memory/download-keys';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeDemoRelease } from '../src/demoRelease.js';
import { FsStore } from '../src/store/fsStore.js';
import type { Store } from '../src/store/types.js';
import { HOURS, ops, SECRET, T0 } from './cliHarness.js';
import {
  type FaultProxy,
  startEndlessServer,
  startFaultProxy,
  startHangingServer,
  startRedirectServer,
  startResettingServer,
} from './faultProxy.js';
import { startTestS3, type TestS3 } from './s3Server.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let s3: TestS3;
let proxy: FaultProxy;
let releaseA: string;
let releaseB: string;
let scratch: string;

/** Build B: the demo release with one more entry in each ZIP, so every byte sum differs. */
function makeReleaseB(from: string, to: string) {
  mkdirSync(to, { recursive: true });
  for (const platform of PLATFORMS) {
    const name = PLATFORM_CATALOGUE[platform].filename;
    const entries = unzipSync(readFileSync(join(from, name)));
    entries['BUILD-B.txt'] = strToU8('build B\n');
    writeFileSync(join(to, name), zipSync(entries));
  }
}

beforeAll(async () => {
  s3 = await startTestS3();
  proxy = await startFaultProxy(s3.endpoint, {
    failShare: 0,
    cutShare: 0,
    seed: 1,
    exists: s3.exists,
  });
  scratch = mkdtempSync(join(tmpdir(), 'repro-'));
  releaseA = join(scratch, 'release-a');
  releaseB = join(scratch, 'release-b');
  await makeDemoRelease(releaseA);
  makeReleaseB(releaseA, releaseB);
});
afterAll(async () => {
  await proxy?.stop();
  await s3?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

interface Backend {
  /** Environment naming the store. */
  env: Record<string, string>;
  /** A store object for wrappers (the race test). */
  store(): Store;
  /** Every object with its SHA-256, for before/after comparisons. */
  snapshot(): Promise<Record<string, string>>;
  read(key: string): Promise<Uint8Array | null>;
  /** Replace an object's bytes, keeping its size and checksum metadata. */
  corrupt(key: string): Promise<void>;
  write(key: string, body: string): Promise<void>;
}

async function folderBackend(): Promise<Backend> {
  const root = mkdtempSync(join(scratch, 'store-'));
  const walk = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
        )
      : [];
  return {
    env: { DOWNLOAD_STORE_DIR: root },
    store: () => new FsStore(root),
    async snapshot() {
      return Object.fromEntries(
        walk(root)
          .sort()
          .map((f) => [f.slice(root.length + 1), sha256(readFileSync(f))]),
      );
    },
    async read(key) {
      const file = join(root, ...key.split('/'));
      return existsSync(file) ? readFileSync(file) : null;
    },
    async corrupt(key) {
      const file = join(root, ...key.split('/'));
      const bytes = readFileSync(file);
      bytes[100] = (bytes[100] ?? 0) ^ 0xff;
      writeFileSync(file, bytes);
    },
    async write(key, body) {
      const file = join(root, ...key.split('/'));
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, body);
    },
  };
}

async function s3Backend(): Promise<Backend> {
  const bucket = await s3.bucket();
  const env = { ...s3.env, S3_ENDPOINT: proxy.endpoint, S3_BUCKET: bucket };
  const read = async (key: string) => {
    try {
      const out = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await out.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch {
      return null;
    }
  };
  return {
    env,
    store: () => s3.store(bucket, proxy.endpoint),
    async snapshot() {
      const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket }));
      const out: Record<string, string> = {};
      for (const { Key } of listed.Contents ?? [])
        out[Key as string] = sha256((await read(Key as string)) ?? new Uint8Array());
      return out;
    },
    read,
    async corrupt(key) {
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      const bytes = Buffer.from((await read(key)) ?? new Uint8Array());
      bytes[100] = (bytes[100] ?? 0) ^ 0xff;
      await s3.client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: bytes,
          ContentType: head.ContentType,
          Metadata: head.Metadata,
        }),
      );
    },
    async write(key, body) {
      await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
  };
}

const manifestOf = async (backend: Backend) =>
  JSON.parse(
    new TextDecoder().decode((await backend.read('downloads/release.json')) ?? new Uint8Array()),
  );

describe.each([
  { name: 'folder store', make: folderBackend },
  { name: 's3rver', make: s3Backend },
])('on the $name', ({ make }) => {
  let backend: Backend;
  let env: Record<string, string>;
  beforeEach(async () => {
    backend = await make();
    env = backend.env;
  });

  it('1: every store-changing command has a real --dry-run; options are per command', async () => {
    const empty = await backend.snapshot();
    const dry = await ops(['upload', releaseA, '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json()).toMatchObject({ dryRun: true });
    expect(dry.json<{ uploaded: string[] }>().uploaded).toHaveLength(8);
    expect(await backend.snapshot()).toEqual(empty);

    expect((await ops(['upload', releaseA], env)).code).toBe(0);
    const later = T0 + 12 * HOURS; // window 40649: rotate would copy into 40650
    const before = await backend.snapshot();
    const rotateDry = await ops(['rotate', '--dry-run', '--json'], env, { now: later });
    expect(rotateDry.code, rotateDry.stderr).toBe(0);
    expect(rotateDry.json<{ copied: string[] }>().copied).toHaveLength(4);
    const cleanupDry = await ops(['cleanup', '--dry-run'], env, { now: later });
    expect(cleanupDry.code, cleanupDry.stderr).toBe(0);
    expect(await backend.snapshot()).toEqual(before);

    // An option another command takes is a usage error here; unknown commands too.
    for (const argv of [
      ['verify', '--force'],
      ['rotate', '--build-version', '9.9.9'],
      ['window', '--dir', '/tmp'],
      ['cleanup', '--deep'],
      ['frobnicate'],
    ]) {
      const run = await ops(argv, env, { now: later });
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^download-ops: /m);
    }
    expect(await backend.snapshot()).toEqual(before);
    const help = await ops(['help', 'upload'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--dry-run/);
    expect(help.stdout).toMatch(/Examples:/);
    expect(help.stdout).not.toMatch(/--i-know-the-clock/);
    const version = await ops(['--version'], env);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe('1.0.0');
  });

  it('2: a re-upload without --build-version keeps the recorded build', async () => {
    expect(
      (
        await ops(
          ['upload', releaseA, '--build-version', '1.4.2', '--build-commit', 'abc1234'],
          env,
        )
      ).code,
    ).toBe(0);
    const again = await ops(['upload', releaseA, '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json()).toMatchObject({ uploaded: [], build: { version: '1.4.2' } });
    expect((await manifestOf(backend)).build).toEqual({ version: '1.4.2', commit: 'abc1234' });
    // Told otherwise, it forgets.
    expect((await ops(['upload', releaseA, '--reset-build'], env)).code).toBe(0);
    expect((await manifestOf(backend)).build).toEqual({});
  });

  it('3: cleanup refuses a clock or --at far from the last upload, and never deletes live windows', async () => {
    expect((await ops(['upload', releaseA], env)).code).toBe(0);
    const before = await backend.snapshot();
    const ahead = await ops(['cleanup', '--at', String(T0 + 72 * HOURS), '--json'], env);
    expect(ahead.code).toBe(1);
    expect(ahead.json()).toMatchObject({ error: { code: 'CLOCK_SKEW' } });
    const clockAhead = await ops(['cleanup'], env, { now: T0 + 72 * HOURS });
    expect(clockAhead.code).toBe(1);
    expect(clockAhead.stderr).toMatch(/--i-know-the-clock/);
    expect(await backend.snapshot()).toEqual(before);
    // Even when told the clock is right, the newest windows stay.
    const forced = await ops(['cleanup', '--i-know-the-clock', '--json'], env, {
      now: T0 + 72 * HOURS,
    });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.json()).toMatchObject({ deletedWindows: [] });
    const verified = await ops(['verify', '--json'], env);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.json()).toMatchObject({ ok: true, checked: 8 });
  });

  it('4: a manual upload racing the scheduled rotate ends with a complete, verified release', async () => {
    expect((await ops(['upload', releaseA], env, { now: T0 })).code).toBe(0);
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
    const upload = await ops(['upload', releaseB, '--build-version', '2.0.0'], env, { now });
    uploadDone();
    const rotated = await rotating;
    expect(upload.code, upload.stderr).toBe(0);
    expect(rotated.code, rotated.stderr).toBe(0);
    const verified = await ops(['verify', '--deep', '--json'], env, { now });
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.json()).toMatchObject({ ok: true, checked: 8 });
    expect((await manifestOf(backend)).build).toMatchObject({ version: '2.0.0' });
    const linuxB = sha256(readFileSync(join(releaseB, 'local-memory-linux.zip')));
    for (const w of [40650, 40651]) {
      const bytes = await backend.read(s3ObjectKey(SECRET, w, 'linux', 'downloads'));
      expect(sha256(bytes ?? new Uint8Array()), `window ${w}`).toBe(linuxB);
    }
    expect((await ops(['rotate'], env, { now })).code).toBe(0);
  });

  it('4b: a writer waits a bounded time for a live lease, names its holder, and takes over an expired one', async () => {
    const lease = (expiresAt: number) =>
      JSON.stringify({
        owner: 'ci@runner-7 pid 4242 (GitHub run 99)',
        command: 'rotate',
        startedAt: T0 - 60,
        expiresAt,
        token: 'other-writer',
      });
    await backend.write('downloads/.lease.json', lease(T0 + 3600));
    const started = performance.now();
    const busy = await ops(['upload', releaseA, '--wait', '1', '--json'], env);
    expect(busy.code).toBe(1);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(busy.json()).toMatchObject({ error: { code: 'LEASE_HELD' } });
    expect(busy.json<{ error: { message: string } }>().error.message).toContain(
      'ci@runner-7 pid 4242',
    );
    expect(await backend.read(s3ObjectKey(SECRET, 40648, 'linux', 'downloads'))).toBeNull();

    await backend.write('downloads/.lease.json', lease(T0 - 1));
    const taken = await ops(['upload', releaseA], env);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stderr).toMatch(/taking over the expired lease of ci@runner-7/);
    expect(await backend.read('downloads/.lease.json')).toBeNull();
  });

  it('7: a malformed release.json is BAD_MANIFEST (exit 1, one line); cleanup still runs', async () => {
    expect((await ops(['upload', releaseA], env)).code).toBe(0);
    await backend.write('downloads/release.json', '{"schemaVersion":1,"artifacts":{}}');
    for (const command of ['verify', 'rotate']) {
      const run = await ops([command, '--json'], env);
      expect(run.code, command).toBe(1);
      expect(run.json(), command).toMatchObject({ error: { code: 'BAD_MANIFEST' } });
      expect(run.stderr.trim().split('\n'), command).toHaveLength(1);
      expect(run.stderr).not.toMatch(/TypeError|at .*\.js:\d+/);
    }
    const cleaned = await ops(['cleanup', '--json'], env);
    expect(cleaned.code, cleaned.stderr).toBe(0);
    expect(cleaned.json()).toMatchObject({ manifest: 'invalid', deletedWindows: [] });
  });

  it('9: a ZIP with an entry escaping its folder is refused before anything is uploaded', async () => {
    const evil = join(scratch, `evil-${Date.now()}`);
    mkdirSync(evil);
    for (const platform of PLATFORMS) {
      const name = PLATFORM_CATALOGUE[platform].filename;
      writeFileSync(join(evil, name), readFileSync(join(releaseA, name)));
    }
    const linux = unzipSync(readFileSync(join(releaseA, 'local-memory-linux.zip')));
    linux['../../../../home/user/.bashrc/local-memory-linux'] = strToU8('#!/bin/sh\n');
    writeFileSync(join(evil, 'local-memory-linux.zip'), zipSync(linux));
    const run = await ops(['upload', evil, '--json'], env);
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ error: { code: 'UNSAFE_ZIP_ENTRY' } });
    expect(await backend.snapshot()).toEqual({});
  });

  it('10: naming a folder and a bucket is an error, by option or environment', async () => {
    const folder = mkdtempSync(join(scratch, 'other-'));
    const both = await ops(['upload', releaseA, '--bucket', 'x', '--dir', folder], {});
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--dir .* and --bucket .* name two stores/);
    const envDir = await ops(['upload', releaseA, '--bucket', 'some-bucket'], {
      DOWNLOAD_STORE_DIR: folder,
    });
    expect(envDir.code).toBe(2);
    expect(envDir.stderr).toMatch(/DOWNLOAD_STORE_DIR .* and --bucket/);
    expect(readdirSync(folder)).toEqual([]);
    expect(await backend.snapshot()).toEqual({});
  });

  it('11: a flipped byte is found by verify --deep, and the upload it advises repairs it', async () => {
    expect((await ops(['upload', releaseA], env)).code).toBe(0);
    const key = s3ObjectKey(SECRET, 40648, 'macos', 'downloads');
    await backend.corrupt(key);
    // The cheap check reads checksum metadata only (documented), the deep one re-hashes.
    const deep = await ops(['verify', '--deep'], env);
    expect(deep.code).toBe(1);
    expect(deep.stdout).toContain(`${key}'s bytes hash to`);
    expect(deep.stdout).toContain('download-ops upload <dir> --deep');
    const repair = await ops(['upload', releaseA, '--deep', '--json'], env);
    expect(repair.code, repair.stderr).toBe(0);
    expect(repair.json()).toMatchObject({ uploaded: [key], repaired: [key] });
    expect((await ops(['verify', '--deep'], env)).code).toBe(0);
    expect(sha256((await backend.read(key)) ?? new Uint8Array())).toBe(
      sha256(readFileSync(join(releaseA, 'local-memory-macos.zip'))),
    );
  });
});

describe('the test S3 server and the lease', () => {
  it('s3rver ignores If-None-Match: *, so the proxy in front of it enforces it', async () => {
    const bucket = await s3.bucket();
    const put = (body: string) =>
      s3.client.send(
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
    const store = s3.store(bucket, proxy.endpoint);
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
    const bucket = await s3.bucket();
    const stalled = await startFaultProxy(s3.endpoint, {
      failShare: 0,
      cutShare: 0,
      seed: 3,
      exists: s3.exists,
      // Every ZIP upload stalls, so the upload is still holding the lease when interrupted.
      hang: (method, path) => method === 'PUT' && path.endsWith('.zip'),
    });
    const leaseHeld = async () => {
      try {
        await s3.client.send(
          new HeadObjectCommand({ Bucket: bucket, Key: 'downloads/.lease.json' }),
        );
        return true;
      } catch {
        return false;
      }
    };
    const bin = join(import.meta.dirname, '..', 'dist', 'cli.js');
    const child = spawn(process.execPath, [bin, 'upload', releaseA], {
      env: {
        ...process.env,
        ...s3.env,
        S3_ENDPOINT: stalled.endpoint,
        S3_BUCKET: bucket,
        DOWNLOAD_SECRET: SECRET,
      },
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    for (let i = 0; i < 200 && !(await leaseHeld()); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await leaseHeld()).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    await stalled.stop();
    expect(await leaseHeld()).toBe(false);
  });
});

describe('11: the scheduled rotation verifies cheaply every run and deeply once a day', () => {
  it('runs verify and, on the daily run, verify --deep', () => {
    const workflow = readFileSync(
      join(import.meta.dirname, '../../../.github/workflows/rotate-downloads.yml'),
      'utf8',
    );
    expect(workflow).toMatch(/cli\.js verify\n/);
    expect(workflow).toMatch(/cli\.js verify --deep/);
  });
});

describe('5 and 6: bounded, https-only, retried fetches in apply-dispatch', () => {
  let work: string;
  const payloadWith = (urlFor: (platform: string, name: string) => string) => {
    const artifacts = PLATFORMS.map((platform) => {
      const name = PLATFORM_CATALOGUE[platform].filename;
      const bytes = readFileSync(join(releaseA, name));
      return {
        platform,
        name,
        size: bytes.length,
        sha256: sha256(bytes),
        url: urlFor(platform, name),
      };
    });
    const file = join(work, `payload-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        version: '1.4.2',
        commit: 'a'.repeat(40),
        repository: 'local-memory/local-memory',
        run_url: 'https://github.com/local-memory/local-memory/actions/runs/1',
        released_at: '2025-08-24T00:00:00Z',
        artifacts,
      }),
    );
    return file;
  };
  beforeAll(() => {
    work = mkdtempSync(join(scratch, 'dispatch-'));
  });

  it('5: stops reading once an artifact exceeds its declared size', async () => {
    const endless = await startEndlessServer(64 * 1024 * 1024);
    const folder = mkdtempSync(join(scratch, 'store-'));
    const run = await ops(
      ['apply-dispatch', payloadWith((_p, name) => `${endless.origin}/${name}`), '--json'],
      { DOWNLOAD_STORE_DIR: folder },
      { io: { fetchPolicy: { allowLoopbackHttp: true } } },
    );
    await endless.stop();
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ error: { code: 'TOO_LARGE' } });
    // The declared size is 807 bytes; what was sent is bounded by socket buffers, not the cap.
    expect(endless.stats.bytesSent).toBeLessThan(8 * 1024 * 1024);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('5: file:// URLs fail the schema outside tests, and the file is never read', async () => {
    const folder = mkdtempSync(join(scratch, 'store-'));
    const payload = payloadWith((_p, name) => pathToFileURL(join(releaseA, name)).href);
    const run = await ops(['apply-dispatch', payload, '--json'], { DOWNLOAD_STORE_DIR: folder });
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ error: { code: 'INVALID_PAYLOAD' } });
    expect(run.stderr).toContain('artifacts.0.url must match pattern "^https://"');
    expect(run.stdout + run.stderr).not.toMatch(/sha256 [0-9a-f]{64}/);
    expect((await ops(['validate-dispatch', payload], {})).code).toBe(1);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('5: a redirect to a non-https URL is refused', async () => {
    const redirect = await startRedirectServer('http://downloads.example.test/local-memory.zip');
    const folder = mkdtempSync(join(scratch, 'store-'));
    const run = await ops(
      ['apply-dispatch', payloadWith((_p, name) => `${redirect.origin}/${name}`), '--json'],
      { DOWNLOAD_STORE_DIR: folder },
      { io: { fetchPolicy: { allowLoopbackHttp: true } } },
    );
    await redirect.stop();
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ error: { code: 'UNSAFE_URL' } });
    expect(run.stderr).toMatch(/https:\/\/ only, on every redirect hop/);
  });

  it('6: reset connections are retried with backoff and the release lands', async () => {
    const servers = await Promise.all(
      PLATFORMS.map((platform) =>
        startResettingServer(
          2,
          readFileSync(join(releaseA, PLATFORM_CATALOGUE[platform].filename)),
        ),
      ),
    );
    const folder = mkdtempSync(join(scratch, 'store-'));
    const run = await ops(
      [
        'apply-dispatch',
        payloadWith(
          (platform, name) => `${servers[PLATFORMS.indexOf(platform as never)]?.origin}/${name}`,
        ),
      ],
      { DOWNLOAD_STORE_DIR: folder },
      { io: { fetchPolicy: { allowLoopbackHttp: true } } },
    );
    await Promise.all(servers.map((s) => s.stop()));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/retrying local-memory-macos\.zip after attempt 1/);
    expect(servers.map((s) => s.stats.connections)).toEqual([3, 3, 3, 3]);
  });

  it('6: a server that never answers fails after retries with one clear line', async () => {
    const hanging = await startHangingServer();
    const folder = mkdtempSync(join(scratch, 'store-'));
    const run = await ops(
      ['apply-dispatch', payloadWith((_p, name) => `${hanging.origin}/${name}`), '--json'],
      { DOWNLOAD_STORE_DIR: folder },
      { io: { fetchPolicy: { allowLoopbackHttp: true, idleTimeoutMs: 300 } } },
    );
    await hanging.stop();
    expect(run.code).toBe(1);
    const { error } = run.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toMatch(/sent nothing for 0.3 s.*4 attempts/);
    // At least one connection per attempt (undici may open one more while aborting).
    expect(hanging.stats.connections).toBeGreaterThanOrEqual(4);
    expect(run.stderr).not.toMatch(/unexpected failure|\n\s+at /);
  });
});

describe('8: every failure is one line, and one JSON object under --json', () => {
  it('explains a missing, short or unreadable secret without a stack', async () => {
    const folder = mkdtempSync(join(scratch, 'store-'));
    const unreadable = join(folder, 'secret-dir');
    mkdirSync(unreadable);
    const cases: [Record<string, string>, string][] = [
      [{ DOWNLOAD_SECRET: '' }, 'missing'],
      [{ DOWNLOAD_SECRET: 'too-short' }, 'short'],
      [{ DOWNLOAD_SECRET: '', DOWNLOAD_SECRET_FILE: unreadable }, 'unreadable'],
    ];
    for (const [secretEnv, what] of cases) {
      const run = await ops(['verify', '--json'], { DOWNLOAD_STORE_DIR: folder, ...secretEnv });
      expect(run.code, what).toBe(1);
      expect(run.stderr.trim().split('\n'), what).toHaveLength(1);
      expect(run.stderr, what).not.toMatch(/unexpected failure|\n\s+at /);
      // Matched by shape: holds whether or not isDownloadKeysError sees across entries.
      const { error } = run.json<{ error: { code: string; message: string } }>();
      expect(error.code, what).toMatch(/^(INVALID_SECRET|SECRET_TOO_SHORT)$/);
      expect(error.message.length, what).toBeGreaterThan(10);
    }
  });

  it('an unexpected failure is one line (stack only with --debug)', async () => {
    const broken = new FsStore(mkdtempSync(join(scratch, 'store-')));
    broken.get = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'size')");
    };
    const run = await ops(['verify', '--json'], {}, { store: broken });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.json()).toMatchObject({ error: { code: 'UNEXPECTED' } });
    const debug = await ops(['verify', '--debug'], {}, { store: broken });
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe('the payload script (write-dispatch-payload.mjs)', () => {
  it('refuses a redirect to http and an oversized payload', async () => {
    const { spawn } = await import('node:child_process');
    const script = join(import.meta.dirname, '../../../scripts/write-dispatch-payload.mjs');
    const run = (env: Record<string, string>, out: string) =>
      new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [script, out], { env: { ...process.env, ...env } });
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        child.on('close', (status) => resolve({ status, stderr }));
      });
    const out = join(scratch, 'payload-out.json');
    const redirect = await startRedirectServer('http://payloads.example.test/p.json');
    const hop = await run(
      {
        EVENT_NAME: 'workflow_dispatch',
        PAYLOAD_URL: `${redirect.origin}/p.json`,
        WRITE_DISPATCH_PAYLOAD_TEST_ALLOW_LOOPBACK_HTTP: 'true',
      },
      out,
    );
    await redirect.stop();
    expect(hop.status).toBe(1);
    expect(hop.stderr).toMatch(/redirect.*http:\/\/payloads\.example\.test.*https:\/\//);
    const endless = await startEndlessServer(64 * 1024 * 1024);
    const big = await run(
      {
        EVENT_NAME: 'workflow_dispatch',
        PAYLOAD_URL: `${endless.origin}/p.json`,
        WRITE_DISPATCH_PAYLOAD_TEST_ALLOW_LOOPBACK_HTTP: 'true',
      },
      out,
    );
    await endless.stop();
    expect(big.status).toBe(1);
    expect(big.stderr).toMatch(/larger than/);
    expect(endless.stats.bytesSent).toBeLessThan(8 * 1024 * 1024);
    expect(existsSync(out)).toBe(false);
    expect(statSync(scratch).isDirectory()).toBe(true);
  });
});
