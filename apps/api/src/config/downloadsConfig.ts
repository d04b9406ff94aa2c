/**
 * The downloads part of the configuration: the download secret and where the release ZIPs are.
 * @module
 */
import { isAbsolute } from 'node:path';
import {
  DEFAULT_S3_PREFIX,
  isDownloadKeysError,
  normalizeS3Prefix,
} from '@local-memory/download-keys';
import { readConfiguredSecret } from '@local-memory/download-keys/node';
import { absoluteHttpUrl } from './checks.js';
import type { DownloadSource, Env } from './config.js';

/** The download variables, each undefined when wrong (a problem line says why). */
export interface DownloadSettings {
  readonly downloadSecret: string | undefined;
  readonly downloads: DownloadSource | undefined;
}

/**
 * Read the download secret and the download source.
 * @param env - the environment
 * @param problems - where each wrong variable is named
 */
export async function readDownloadSettings(
  env: Env,
  problems: string[],
): Promise<DownloadSettings> {
  // The library's rule, the one both CLIs and the Go reference follow: a value or a file, never both.
  let downloadSecret: string | undefined;
  try {
    downloadSecret = await readConfiguredSecret(env);
  } catch (error) {
    if (!isDownloadKeysError(error)) throw error;
    problems.push(
      error.message.startsWith(error.argument)
        ? error.message
        : `${error.argument}: ${error.message}`,
    );
  }

  let prefix = DEFAULT_S3_PREFIX;
  try {
    prefix = normalizeS3Prefix(env.S3_PREFIX ?? DEFAULT_S3_PREFIX, 'S3_PREFIX');
  } catch (error) {
    if (!isDownloadKeysError(error)) throw error;
    problems.push(error.message);
  }
  let downloads: DownloadSource | undefined;
  if (env.DOWNLOAD_STORE_DIR) {
    if (!isAbsolute(env.DOWNLOAD_STORE_DIR))
      problems.push('DOWNLOAD_STORE_DIR must be an absolute path to the local download store');
    else downloads = { kind: 'dir', dir: env.DOWNLOAD_STORE_DIR, prefix };
  } else if (env.S3_BUCKET) {
    let endpoint: string | undefined;
    if (env.S3_ENDPOINT) {
      if (!absoluteHttpUrl(env.S3_ENDPOINT))
        problems.push('S3_ENDPOINT must be an http(s) URL (local S3-compatible servers only)');
      else endpoint = env.S3_ENDPOINT;
    }
    downloads = { kind: 's3', bucket: env.S3_BUCKET, prefix, endpoint };
  } else {
    problems.push(
      'S3_BUCKET is not set: the bucket holding the release ZIPs (or set DOWNLOAD_STORE_DIR to serve a local folder)',
    );
  }

  return { downloadSecret, downloads };
}
