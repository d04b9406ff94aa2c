/**
 * Where a verified buyer's download comes from: the object of the current window when that window
 * holds it (else the previous one, which rotation keeps), as a presigned S3 GET of at most 15
 * minutes, or a file in the local store with the same layout (`DOWNLOAD_STORE_DIR`).
 * @module
 */
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  PLATFORM_CATALOGUE,
  type Platform,
  platformFilename,
  s3ObjectKey,
  timeWindowAt,
} from '@local-memory/download-keys';
import type { Config, DownloadSource } from '../config/config.js';
import { FulfilmentError } from './errors.js';

/** Longest life of a presigned link, in seconds. */
export const PRESIGN_SECONDS = 900;

/** A download ready to hand out. */
export type DownloadTarget =
  | { readonly kind: 'redirect'; readonly url: string; readonly filename: string }
  | {
      readonly kind: 'file';
      readonly path: string;
      readonly size: number;
      readonly filename: string;
    };

/** Finds the object to serve. */
export interface Downloads {
  /**
   * @param platform - which ZIP
   * @param unixSeconds - the moment of the request
   * @throws {FulfilmentError} download_unavailable when neither window holds the object
   */
  locate(platform: Platform, unixSeconds: number): Promise<DownloadTarget>;
}

function unavailable(platform: Platform): FulfilmentError {
  return new FulfilmentError(
    'download_unavailable',
    `The ${PLATFORM_CATALOGUE[platform].label} download is being refreshed; try again in a few minutes or write to support`,
    60,
  );
}

/**
 * Create the download locator for the configured source.
 * @param config - validated configuration
 * @param s3 - an S3 client (tests aim one at s3rver); created from the configuration when omitted
 */
export function createDownloads(config: Config, s3?: S3Client): Downloads {
  const source: DownloadSource = config.downloads;
  const keysFor = (platform: Platform, unixSeconds: number) => {
    const current = timeWindowAt(unixSeconds);
    return [current, current - 1]
      .filter((w) => w >= 0)
      .map((w) => s3ObjectKey(config.downloadSecret, w, platform, source.prefix));
  };

  if (source.kind === 'dir') {
    const root = resolve(source.dir);
    return {
      async locate(platform, unixSeconds) {
        for (const key of keysFor(platform, unixSeconds)) {
          const path = resolve(root, ...key.split('/'));
          if (!path.startsWith(root + sep)) continue;
          try {
            const stats = await stat(path);
            if (stats.isFile())
              return { kind: 'file', path, size: stats.size, filename: platformFilename(platform) };
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          }
        }
        throw unavailable(platform);
      },
    };
  }

  const client =
    s3 ??
    new S3Client({
      region: config.region,
      ...(source.endpoint ? { endpoint: source.endpoint, forcePathStyle: true } : {}),
    });
  return {
    async locate(platform, unixSeconds) {
      for (const key of keysFor(platform, unixSeconds)) {
        try {
          await client.send(new HeadObjectCommand({ Bucket: source.bucket, Key: key }));
        } catch (error) {
          const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata
            ?.httpStatusCode;
          if (status === 404 || (error as Error).name === 'NotFound') continue;
          throw new FulfilmentError(
            'upstream_unavailable',
            'The download store could not be reached; try again in a minute',
            30,
            { cause: error },
          );
        }
        const filename = platformFilename(platform);
        const url = await getSignedUrl(
          client,
          new GetObjectCommand({
            Bucket: source.bucket,
            Key: key,
            ResponseContentDisposition: `attachment; filename="${filename}"`,
          }),
          { expiresIn: PRESIGN_SECONDS, signingDate: new Date(unixSeconds * 1000) },
        );
        return { kind: 'redirect', url, filename };
      }
      throw unavailable(platform);
    },
  };
}
