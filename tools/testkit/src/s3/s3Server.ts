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
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';

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
  stop(): Promise<void>;
}

let counter = 0;

/** Start s3rver-process.mjs and wait for the port it listens on. */
function startS3rverProcess(directory: string): Promise<{ port: number; stop(): Promise<void> }> {
  // Beside this module in src/; from the bundle in dist/, in src/s3/ of the package.
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 's3rver-process.mjs');
  const script = existsSync(beside) ? beside : join(here, '..', 'src', 's3', 's3rver-process.mjs');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', script, directory], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code} before listening`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line)
        resolve({ port: (JSON.parse(line) as { port: number }).port, stop });
    });
  });
}

/** Start (or reach, with S3_ENDPOINT) the S3 server. */
export async function startTestS3(): Promise<TestS3> {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  let endpoint = process.env.S3_ENDPOINT;
  let stopServer = async () => undefined;
  let credentials = {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
  };
  if (!endpoint) {
    const directory = mkdtempSync(join(tmpdir(), 's3rver-'));
    const server = await startS3rverProcess(directory);
    endpoint = `http://127.0.0.1:${server.port}`;
    credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
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
    async stop() {
      client.destroy();
      await stopServer();
    },
  };
}
