// The test S3 server as the suites use it: s3rver in its own process, and seeding, whose objects
// must be what PutObject would have stored, as S3 clients see them.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from './s3Server.js';

let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3?.stop();
});

describe('seed', () => {
  it('stores objects that list, head and read as a PutObject of the same body does', async () => {
    const bucket = await s3.bucket();
    const keys = Array.from({ length: 1100 }, (_, i) => `downloads/${i % 3}/${i}/linux/a.zip`);
    await s3.seed(bucket, keys, 'seeded body');
    await s3.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'put/one.zip', Body: 'seeded body' }),
    );

    // 1,101 keys: more than one ListObjectsV2 page (1,000 at most).
    expect(await s3.keys(bucket)).toEqual([...keys, 'put/one.zip'].sort());
    const seeded = await s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: keys[7] }));
    const put = await s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'put/one.zip' }));
    for (const field of ['ContentLength', 'ContentType', 'ETag'] as const)
      expect(seeded[field], field).toEqual(put[field]);
    const body = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: keys[1099] }));
    expect(await body.Body?.transformToString()).toBe('seeded body');
    // A hang guard, not a speed check: s3rver writes three files an object.
  }, 60_000);

  it('refuses a bucket that does not exist, then seeds again', async () => {
    await expect(s3.seed('lm-test-no-such-bucket', ['a'], 'x')).rejects.toThrow(
      /could not seed lm-test-no-such-bucket: no bucket named lm-test-no-such-bucket/,
    );
    const bucket = await s3.bucket();
    await s3.seed(bucket, ['b'], 'x');
    expect(await s3.keys(bucket)).toEqual(['b']);
  });
});

it('s3rver stops by itself when the process that started it is gone (its standard input closes)', async () => {
  const directory = mkdtempSync(join(tmpdir(), 's3rver-test-'));
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', join(import.meta.dirname, 's3rver-process.mjs'), directory],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    expect(JSON.parse(line)).toEqual({ port: expect.any(Number) });
    child.stdin.end();
    const [code, signal] = await once(child, 'exit');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  } finally {
    child.kill();
    rmSync(directory, { recursive: true, force: true });
  }
});
