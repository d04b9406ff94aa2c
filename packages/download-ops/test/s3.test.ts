// End to end against a real S3-protocol server on 127.0.0.1 (s3rver here, MinIO or AWS when
// S3_ENDPOINT is set): upload, verify, rotate across window changes, cleanup, re-runs, errors.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { s3ObjectKey } from '@local-memory/download-keys';
import { startTestS3, type TestS3 } from '@local-memory/testkit/s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeDemoRelease } from '../src/demoRelease.js';
import { HOURS, ops, runBin, SECRET, T0 } from './cliHarness.js';

let s3: TestS3;
let release: string;
let bucket: string;
let env: Record<string, string>;

const listKeys = (prefix = '') => s3.keys(bucket, prefix);

beforeAll(async () => {
  s3 = await startTestS3();
  release = mkdtempSync(join(tmpdir(), 'release-'));
  await makeDemoRelease(release);
});
afterAll(async () => {
  await s3?.stop();
  rmSync(release, { recursive: true, force: true });
});
beforeEach(async () => {
  bucket = await s3.bucket();
  env = { ...s3.env, S3_BUCKET: bucket };
});

describe('download-ops against S3', () => {
  it('uploads every platform to the current and next windows, with type, checksum and build metadata', async () => {
    const run = await ops(
      ['upload', release, '--json', '--build-version', '1.4.2', '--build-commit', 'abc1234'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ windows: [40648, 40649], unchanged: [] });
    expect(run.json<{ uploaded: string[] }>().uploaded).toHaveLength(8);
    const key = s3ObjectKey(SECRET, 40648, 'macos', 'downloads');
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentType).toBe('application/zip');
    expect(head.Metadata).toMatchObject({
      sha256: createHash('sha256')
        .update(readFileSync(join(release, 'local-memory-macos.zip')))
        .digest('hex'),
      platform: 'macos',
      'build-version': '1.4.2',
      'build-commit': 'abc1234',
    });
    expect(await listKeys()).toEqual(
      [
        'downloads/release.json',
        ...[40648, 40649].flatMap((w) =>
          (['macos', 'windows', 'linux', 'universal'] as const).map((p) =>
            s3ObjectKey(SECRET, w, p, 'downloads'),
          ),
        ),
      ].sort(),
    );
    const manifest = await s3.client.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'downloads/release.json' }),
    );
    expect(JSON.parse((await manifest.Body?.transformToString()) ?? '')).toMatchObject({
      build: { version: '1.4.2', commit: 'abc1234' },
    });

    const again = await ops(['upload', release, '--json'], env);
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({ uploaded: [], bytes: 0 });
    expect(again.json<{ unchanged: string[] }>().unchanged).toHaveLength(8);

    expect((await ops(['verify'], env)).code).toBe(0);
    const deep = await ops(['verify', '--deep', '--json'], env);
    expect(deep.code).toBe(0);
    expect(deep.json()).toMatchObject({ ok: true, checked: 8, problems: [] });
  });

  it('verify names what is missing or wrong and exits 1', async () => {
    expect((await ops(['upload', release], env)).code).toBe(0);
    const linux = s3ObjectKey(SECRET, 40649, 'linux', 'downloads');
    const windows = s3ObjectKey(SECRET, 40648, 'windows', 'downloads');
    await s3.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: windows, Body: 'PK tampered', Metadata: {} }),
    );
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    await s3.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: linux }));
    const run = await ops(['verify', '--json'], env);
    expect(run.code).toBe(1);
    const problems = run.json<{ problems: { s3Key: string; problem: string }[] }>().problems;
    expect(problems).toEqual([
      expect.objectContaining({ s3Key: windows, problem: 'wrong-size' }),
      expect.objectContaining({ s3Key: linux, problem: 'missing' }),
    ]);
    const human = await ops(['verify'], env);
    expect(human.stdout).toContain(`${linux} does not exist`);
    expect(human.stdout).toContain('download-ops rotate');
    expect((await ops(['verify', '--window', '40648'], env)).code).toBe(1);
  });

  it('rotates across window changes by server-side copy, idempotently', async () => {
    expect((await ops(['upload', release], env, { now: T0 })).code).toBe(0);
    // Twelve hours later the next-but-one window is empty: rotate fills it from a complete one.
    const later = T0 + 12 * HOURS + 60;
    expect((await ops(['verify'], env, { now: later })).code).toBe(1);
    const first = await ops(['rotate', '--json'], env, { now: later });
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toMatchObject({
      windows: [40649, 40650],
      sourceWindow: 40649,
      alreadyPresent: 4,
    });
    expect(first.json<{ copied: string[] }>().copied).toHaveLength(4);
    const second = await ops(['rotate', '--json'], env, { now: later });
    expect(second.json()).toMatchObject({ copied: [], alreadyPresent: 8 });
    expect((await ops(['verify', '--deep'], env, { now: later })).code).toBe(0);
    const copiedHead = await s3.client.send(
      new HeadObjectCommand({
        Bucket: bucket,
        Key: s3ObjectKey(SECRET, 40650, 'universal', 'downloads'),
      }),
    );
    expect(copiedHead.ContentType).toBe('application/zip');
    // A schedule that missed several runs: both windows are empty and still get filled.
    const muchLater = T0 + 5 * 12 * HOURS;
    const catchUp = await ops(['rotate', '--json'], env, { now: muchLater });
    expect(catchUp.json()).toMatchObject({ windows: [40653, 40654], sourceWindow: 40650 });
    const caughtUp = await ops(['verify', '--deep'], env, { now: muchLater });
    expect(caughtUp.code, caughtUp.stdout + caughtUp.stderr).toBe(0);
  });

  it('rotate without any complete window says to upload', async () => {
    const run = await ops(['rotate'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no release has been uploaded.*download-ops upload/);
  });

  it('cleans up windows older than current - 4, dry run first, never touching anything else', async () => {
    for (let w = 0; w < 8; w += 2) {
      expect((await ops(['upload', release], env, { now: T0 + w * 12 * HOURS })).code).toBe(0);
    }
    await s3.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'downloads/NOTES.txt', Body: 'keep' }),
    );
    await s3.client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'other/40600/0123456789abcdef/linux/local-memory-linux.zip',
        Body: 'keep',
      }),
    );
    const before = await listKeys();
    // Window 40655, one after the last upload's window (the clock guard's limit): keep 40651
    // and later.
    const now = T0 + 7 * 12 * HOURS;
    const dry = await ops(['cleanup', '--dry-run', '--json'], env, { now });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      currentWindow: 40655,
      oldestKept: 40651,
      deletedWindows: [40648, 40649, 40650],
      keptWindows: [40651, 40652, 40653, 40654, 40655],
      protectedWindows: [],
      deleted: 0,
      leftAlone: 2,
    });
    expect(await listKeys()).toEqual(before);
    const real = await ops(['cleanup', '--json'], env, { now });
    expect(real.code).toBe(0);
    expect(real.json()).toMatchObject({ deleted: 12, deleteRequests: 1 });
    const after = await listKeys();
    expect(after).toContain('downloads/NOTES.txt');
    expect(after).toContain('downloads/release.json');
    expect(after).toContain('other/40600/0123456789abcdef/linux/local-memory-linux.zip');
    expect(
      after.filter((k) => /^downloads\/40650\//.test(k) || /^downloads\/4064/.test(k)),
    ).toEqual([]);
    expect(after.filter((k) => /^downloads\/4065[1-5]\//.test(k))).toHaveLength(20);
    const again = await ops(['cleanup', '--json'], env, { now });
    expect(again.json()).toMatchObject({ deleted: 0, deleteRequests: 0, deletedWindows: [] });
  });

  it('explains a missing bucket, bad credentials and an unreachable endpoint', async () => {
    const missing = await ops(['verify'], { ...env, S3_BUCKET: 'no-such-bucket-here' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no-such-bucket-here/);
    expect(missing.stderr).toMatch(/does not exist/);
    const denied = await ops(['upload', release], { ...env, AWS_ACCESS_KEY_ID: 'NOT-A-KNOWN-KEY' });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/access denied to bucket/);
    const unreachable = await ops(['verify'], { ...env, S3_ENDPOINT: 'http://127.0.0.1:9' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/cannot reach the S3 endpoint at http:\/\/127\.0\.0\.1:9/);
    const noBucket = await ops(['verify'], { ...env, S3_BUCKET: undefined });
    expect(noBucket.code).toBe(1);
    expect(noBucket.stderr).toMatch(/set S3_BUCKET/);
  });

  it('runs as a real process: bin, exit codes and no secret in the output', async () => {
    const run = await runBin(['upload', release], { ...env, DOWNLOAD_SECRET: SECRET });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    const secretFile = join(release, '..', `secret-${process.pid}`);
    writeFileSync(secretFile, `${SECRET}\n`);
    const verify = await runBin(['verify', '--secret-file', secretFile], {
      ...env,
      DOWNLOAD_SECRET: '',
    });
    rmSync(secretFile);
    expect(verify.status, verify.stderr).toBe(0);
    const usage = await runBin(['verify', '--window', 'soon'], env);
    expect(usage.status).toBe(2);
  });
});
