/**
 * The S3 endpoint the tests run against: the one in S3_ENDPOINT (MinIO in GitHub Actions, or any
 * S3-compatible server, with credentials from the environment), else an s3rver started here on
 * 127.0.0.1 with a throwaway folder. Each suite gets a fresh bucket.
 * @module
 */

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  CreateBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';

export interface TestS3 {
  readonly endpoint: string;
  readonly region: string;
  readonly env: Record<string, string>;
  /** The server's credentials, for clients of the code under test. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly client: S3Client;
  /** Create a fresh, empty bucket and return its name. */
  bucket(): Promise<string>;
  /** Whether the object at a path-style `/{bucket}/{key}` exists (a fault proxy's `exists`). */
  exists(path: string): Promise<boolean>;
  /** Every key of `bucket` under `prefix`, sorted, through all of ListObjectsV2's pages. */
  keys(bucket: string, prefix?: string): Promise<string[]>;
  /**
   * Store many small objects, each holding `body`, in an existing bucket: a fixture of thousands
   * of objects. On the s3rver started here the server's own store writes them, as its PutObject
   * handler does but without a request each (10,000 PutObject requests cost about 30
   * CPU-seconds between the SDK and s3rver); on an S3_ENDPOINT, by PutObject, 64 at a time. The
   * code under test still reaches them only over S3.
   */
  seed(bucket: string, keys: readonly string[], body: string): Promise<void>;
  stop(): Promise<void>;
}

interface S3rverProcess {
  port: number;
  seed(bucket: string, keys: readonly string[], body: string): Promise<void>;
  stop(): Promise<void>;
}

let counter = 0;

/** Start s3rver-process.mjs and wait for the port it listens on. */
function startS3rverProcess(directory: string): Promise<S3rverProcess> {
  // Beside this module in src/; from the bundle in dist/, in src/s3/ of the package.
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 's3rver-process.mjs');
  const script = existsSync(beside) ? beside : join(here, '..', 'src', 's3', 's3rver-process.mjs');
  // Its standard input carries seed commands; when this process goes, it closes and s3rver stops.
  const child = spawn(process.execPath, ['--openssl-legacy-provider', script, directory], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  // The process answers one line per command, in order; commands are sent one at a time.
  const answers: Array<(line: string) => void> = [];
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      const gone = JSON.stringify({ error: `the server exited (${signal ?? `exit ${code}`})` });
      for (const answer of answers.splice(0)) answer(gone);
      resolve();
    }),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let last: Promise<unknown> = Promise.resolve();
  const seed = (bucket: string, keys: readonly string[], body: string) => {
    const sent = last.then(
      () =>
        new Promise<void>((resolve, reject) => {
          answers.push((line) => {
            const answer = JSON.parse(line) as { seeded?: number; error?: string };
            if (answer.seeded === keys.length) resolve();
            else reject(new Error(`s3rver could not seed ${bucket}: ${answer.error ?? line}`));
          });
          child.stdin.write(`${JSON.stringify({ seed: { bucket, keys, body } })}\n`);
        }),
    );
    last = sent.catch(() => undefined);
    return sent;
  };
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code} before listening`)));
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      resolve({ port: (JSON.parse(line) as { port: number }).port, seed, stop });
      lines.on('line', (answer) => answers.shift()?.(answer));
    });
  });
}

/** Start (or reach, with S3_ENDPOINT) the S3 server. */
export async function startTestS3(): Promise<TestS3> {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  let endpoint = process.env.S3_ENDPOINT;
  let stopServer = async () => undefined;
  let seedServer: S3rverProcess['seed'] | undefined;
  let credentials = {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
  };
  if (!endpoint) {
    const directory = mkdtempSync(join(tmpdir(), 's3rver-'));
    const server = await startS3rverProcess(directory);
    endpoint = `http://127.0.0.1:${server.port}`;
    credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    seedServer = server.seed;
    stopServer = async () => {
      await server.stop();
      rmSync(directory, { recursive: true, force: true });
    };
  }
  const client = new S3Client({
    region,
    endpoint,
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    endpoint,
    region,
    env: {
      S3_ENDPOINT: endpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    credentials,
    client,
    async bucket() {
      const name = `lm-test-${process.pid}-${Date.now().toString(36)}-${counter++}`;
      await client.send(new CreateBucketCommand({ Bucket: name }));
      return name;
    },
    async exists(path) {
      const [, bucket, ...key] = path.split('/');
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key.join('/') }));
        return true;
      } catch {
        return false;
      }
    },
    async keys(bucket, prefix = '') {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        keys.push(...(page.Contents ?? []).map((c) => c.Key ?? ''));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    async seed(bucket, keys, body) {
      if (seedServer) return seedServer(bucket, keys, body);
      for (let i = 0; i < keys.length; i += 64) {
        await Promise.all(
          keys
            .slice(i, i + 64)
            .map((Key) => client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: body }))),
        );
      }
    },
    async stop() {
      client.destroy();
      await stopServer();
    },
  };
}
