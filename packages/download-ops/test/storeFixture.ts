/**
 * The stores the CLI's behaviour is checked on, side by side: a folder store and S3 (s3rver on
 * loopback, behind a proxy that enforces If-None-Match: * because s3rver ignores it), plus two
 * releases (A, the demo release, and B, whose every byte sum differs). A test file calls
 * {@link useStoreFixture} once at its top level.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { PLATFORM_CATALOGUE, PLATFORMS } from '@local-memory/download-keys';
import { startTestS3, type TestS3 } from '@local-memory/testkit/s3';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll } from 'vitest';
import { makeDemoRelease } from '../src/demoRelease.js';
import { FsStore } from '../src/store/fsStore.js';
import type { Store } from '../src/store/types.js';
import { type FaultProxy, startFaultProxy } from './faultProxy.js';
import { s3StoreOn } from './s3Store.js';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What the hooks set up; read its fields inside tests (they are set in beforeAll). */
export interface StoreFixture {
  s3: TestS3;
  proxy: FaultProxy;
  /** The demo release. */
  releaseA: string;
  /** The demo release with one more entry in each ZIP. */
  releaseB: string;
  /** A folder removed after the file's tests. */
  scratch: string;
}

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

/**
 * Start the S3 server and its proxy and build both releases before the file's tests; stop and
 * remove them after.
 * @returns the fixture, filled in by beforeAll
 */
export function useStoreFixture(): StoreFixture {
  const fx = {} as StoreFixture;
  beforeAll(async () => {
    fx.s3 = await startTestS3();
    fx.proxy = await startFaultProxy(fx.s3.endpoint, {
      failShare: 0,
      cutShare: 0,
      seed: 1,
      exists: fx.s3.exists,
    });
    fx.scratch = mkdtempSync(join(tmpdir(), 'ops-store-'));
    fx.releaseA = join(fx.scratch, 'release-a');
    fx.releaseB = join(fx.scratch, 'release-b');
    await makeDemoRelease(fx.releaseA);
    makeReleaseB(fx.releaseA, fx.releaseB);
  });
  afterAll(async () => {
    await fx.proxy?.stop();
    await fx.s3?.stop();
    if (fx.scratch) rmSync(fx.scratch, { recursive: true, force: true });
  });
  return fx;
}

export interface Backend {
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

async function folderBackend(fx: StoreFixture): Promise<Backend> {
  const root = mkdtempSync(join(fx.scratch, 'store-'));
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

async function s3Backend(fx: StoreFixture): Promise<Backend> {
  const { s3, proxy } = fx;
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
    store: () => s3StoreOn(s3, bucket, proxy.endpoint),
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

export const manifestOf = async (backend: Backend) =>
  JSON.parse(
    new TextDecoder().decode((await backend.read('downloads/release.json')) ?? new Uint8Array()),
  );

/** Both stores, for `describe.each`. */
export const STORES = [
  { name: 'folder store', make: folderBackend },
  { name: 's3rver', make: s3Backend },
] as const;
