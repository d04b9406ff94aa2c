/**
 * Putting a release file on S3: one PutObject up to the multipart threshold (a buffer the SDK's
 * retry strategy can resend, with its SHA-256 checked by S3), parts above it.
 * @module
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Store } from './types.js';

const PART_SIZE = 8 * 1024 * 1024;

/** Where and how a file is put. */
export interface UploadTarget {
  readonly client: S3Client;
  readonly bucket: string;
  readonly multipartThreshold: number;
  /** Runs one request and explains its failure (the store's `send`). */
  send<T>(run: () => Promise<T>): Promise<T>;
}

/**
 * Put `file` (of `size` bytes) at `s3Key` with the release metadata, telling `onProgress` the
 * bytes sent so far: {@link Store.putFile} on S3.
 * @param target - the client, bucket and request wrapper
 */
export async function putFileOnS3(
  target: UploadTarget,
  ...[s3Key, file, size, metadata, onProgress]: Parameters<Store['putFile']>
): Promise<void> {
  const Metadata: Record<string, string> = {
    sha256: metadata.sha256,
    platform: metadata.platform,
    ...(metadata.buildVersion ? { 'build-version': metadata.buildVersion } : {}),
    ...(metadata.buildCommit ? { 'build-commit': metadata.buildCommit } : {}),
  };
  const common = {
    Bucket: target.bucket,
    Key: s3Key,
    ContentType: 'application/zip',
    ContentDisposition: `attachment; filename="${s3Key.split('/').pop()}"`,
    CacheControl: 'private, max-age=3600',
    Metadata,
  };
  if (size <= target.multipartThreshold) {
    await target.send(async () => {
      await target.client.send(
        new PutObjectCommand({
          ...common,
          // A buffer (at most the multipart threshold) so the SDK can resend it on a retry.
          Body: await readFile(file),
          ContentLength: size,
          ChecksumSHA256: Buffer.from(metadata.sha256, 'hex').toString('base64'),
        }),
      );
      onProgress?.(size, size);
    });
    return;
  }
  // Multipart: every part is a buffer the SDK's retry strategy can resend; a part that still
  // fails aborts the upload (no parts left behind) and upload's read-back retry takes over.
  await target.send(async () => {
    const upload = new Upload({
      client: target.client,
      params: { ...common, Body: createReadStream(file) },
      partSize: PART_SIZE,
      queueSize: 4,
      leavePartsOnError: false,
    });
    upload.on('httpUploadProgress', (p) => onProgress?.(p.loaded ?? 0, size));
    await upload.done();
  });
}
