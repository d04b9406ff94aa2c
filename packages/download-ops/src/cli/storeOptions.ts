/**
 * The options that name the store, the prefix and the moment, turned into values: exactly one
 * store (a folder or a bucket), a non-empty prefix, and "now" from --at or the clock.
 * @module
 */
import {
  assertTimeWindow,
  DEFAULT_S3_PREFIX,
  normalizeS3Prefix,
  timeWindowAt,
} from '@local-memory/download-keys';
import { parseBase10Integer, parseTimeArgument } from '@local-memory/download-keys/node';
import { OpsError } from '../errors.js';
import { FsStore } from '../store/fsStore.js';
import { S3Store, type S3StoreOptions } from '../store/s3Store.js';
import type { Store } from '../store/types.js';
import { asUsage, usageError } from './errors.js';
import type { CliIo } from './io.js';

/** Options every command that reads the store takes. */
export interface StoreOptions {
  dir?: string;
  bucket?: string;
  region?: string;
  endpoint?: string;
  prefix?: string;
  secretFile?: string;
  at?: string;
  json?: boolean;
  debug?: boolean;
  wait?: string;
}

/**
 * "Now": --at (Unix seconds or RFC 3339), else the clock.
 * @throws {OpsError} USAGE for anything else
 */
export function parseNow(at: string | undefined, io: CliIo): number {
  if (at === undefined) return Math.floor(io.now());
  const seconds = parseTimeArgument(at);
  if (seconds === null)
    throw usageError(
      `--at must be Unix seconds or an RFC 3339 date (2025-08-24T00:00:00Z), got ${JSON.stringify(at)}`,
    );
  asUsage(() => timeWindowAt(seconds));
  return seconds;
}

/**
 * A window number as docs/algorithms.md writes it: base 10, no leading zeros, at most MAX_WINDOW.
 * @throws {OpsError} USAGE otherwise (`010`, `0x10`, `-1` and `1e3` included)
 */
export function parseWindowOption(text: string): number {
  return asUsage(() => {
    const value = parseBase10Integer(text, '--window');
    assertTimeWindow(value, '--window');
    return value;
  });
}

/** Whole seconds (--wait), or the fallback when not given. */
export function parseSeconds(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text))
    throw usageError(`${name} must be a whole number of seconds, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** The key prefix: --prefix, else $S3_PREFIX, else `downloads`; never empty. */
export function resolvePrefix(values: { prefix?: string }, io: CliIo): string {
  const prefix = asUsage(() =>
    normalizeS3Prefix(values.prefix ?? io.env.S3_PREFIX ?? DEFAULT_S3_PREFIX, '--prefix'),
  );
  if (prefix === '')
    throw usageError('--prefix must not be empty: operations stay inside one prefix of the bucket');
  return prefix;
}

/**
 * One store, named once: a folder (--dir / DOWNLOAD_STORE_DIR) or a bucket (--bucket /
 * S3_BUCKET). Naming both, by option or environment, is an error rather than a silent choice.
 * @throws {OpsError} USAGE, NO_BUCKET
 */
export function resolveStore(values: StoreOptions, io: CliIo): Store {
  const dir = values.dir ?? io.env.DOWNLOAD_STORE_DIR;
  const bucket = values.bucket ?? io.env.S3_BUCKET;
  if (dir && bucket) {
    const dirFrom = values.dir !== undefined ? '--dir' : 'DOWNLOAD_STORE_DIR';
    const bucketFrom = values.bucket !== undefined ? '--bucket' : 'S3_BUCKET';
    throw usageError(
      `${dirFrom} (a folder) and ${bucketFrom} (an S3 bucket) name two stores; give exactly one (unset the other variable or drop the option)`,
    );
  }
  if (dir && (values.endpoint !== undefined || values.region !== undefined))
    throw usageError('--endpoint and --region apply to an S3 bucket, not to --dir');
  if (io.store) return io.store;
  if (dir) return new FsStore(dir);
  if (!bucket) {
    throw new OpsError(
      'no store given: set S3_BUCKET (or --bucket) for S3, or DOWNLOAD_STORE_DIR (or --dir) for a local folder',
      'NO_BUCKET',
    );
  }
  const endpoint = values.endpoint ?? io.env.S3_ENDPOINT;
  if (endpoint !== undefined && !/^https?:\/\/[^/]+/.test(endpoint))
    throw usageError(`--endpoint must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
  return new S3Store({
    bucket,
    region: values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: io.env.S3_FORCE_PATH_STYLE === 'true' || endpoint !== undefined,
    ...credentialsFrom(io.env),
  });
}

/**
 * Keys in the CLI's own environment win (that is the first link of the standard chain; it
 * matters when the CLI runs in-process with an environment of its own); otherwise the SDK's
 * default chain (profile, web identity from OIDC, instance role) decides.
 */
function credentialsFrom(env: CliIo['env']): Pick<S3StoreOptions, 'client'> {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return {};
  const sessionToken = env.AWS_SESSION_TOKEN;
  return {
    client: {
      credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    },
  };
}
