/**
 * The release store on S3 or any S3-compatible server (MinIO, s3rver), with the AWS SDK v3.
 * Retries are the SDK's own standard strategy (exponential backoff with jitter, a retry quota,
 * throttling and transient network errors only); bodies are buffers so a retry can resend them.
 * Reading a response body happens after the SDK is done, so a body cut short is retried with
 * the fetch retry (p-retry).
 * Listing is by prefix only, paginated: some
 * S3-compatible servers ignore `Delimiter`, and grouping keys into windows in code is correct on
 * real S3 too.
 * @module
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { OpsError } from '../errors.js';
import { withRetry } from '../retry.js';
import { explainS3Error, isNotFound, noSuchBucket } from './s3Errors.js';
import { putFileOnS3 } from './s3Upload.js';
import type { ListedObject, Store, StoredObject } from './types.js';

export interface S3StoreOptions {
  readonly bucket: string;
  readonly region: string;
  /** S3-compatible endpoint; path-style addressing is used when set. */
  readonly endpoint?: string;
  readonly forcePathStyle?: boolean;
  /** Attempts per request, the first included (the SDK's standard retry strategy). Default 4. */
  readonly maxAttempts?: number;
  /** Files above this size are uploaded in parts. */
  readonly multipartThreshold?: number;
  /** Extra client settings (tests: credentials, timeouts). */
  readonly client?: Partial<S3ClientConfig>;
}

const MULTIPART_THRESHOLD = 16 * 1024 * 1024;

export class S3Store implements Store {
  readonly description: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly endpoint?: string;
  private readonly multipartThreshold: number;

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.endpoint = options.endpoint;
    this.multipartThreshold = options.multipartThreshold ?? MULTIPART_THRESHOLD;
    this.description = `s3://${options.bucket}${options.endpoint ? ` (${options.endpoint})` : ` (${options.region})`}`;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
      retryMode: 'standard',
      maxAttempts: options.maxAttempts ?? 4,
      // S3-compatible servers do not all speak the flexible-checksum trailers; integrity is
      // checked end to end with our own SHA-256 instead.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...options.client,
    });
  }

  private async send<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw explainS3Error(error, this.bucket, this.endpoint);
    }
  }

  /** Fail early, with the reason, when the bucket is missing or out of reach. */
  async check(): Promise<void> {
    await this.send(async () => {
      try {
        await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      } catch (error) {
        // HeadBucket has no body, so a missing bucket arrives as a bare 404.
        if (isNotFound(error)) throw noSuchBucket(error, this.bucket, this.endpoint);
        throw error;
      }
    });
  }

  putFile(...args: Parameters<Store['putFile']>): Promise<void> {
    const target = {
      client: this.client,
      bucket: this.bucket,
      multipartThreshold: this.multipartThreshold,
      send: <T>(run: () => Promise<T>) => this.send(run),
    };
    return putFileOnS3(target, ...args);
  }

  /** A PutObject of small content (the manifest, the lease), never cached. */
  private smallObject(s3Key: string, body: Uint8Array, contentType: string) {
    return {
      Bucket: this.bucket,
      Key: s3Key,
      Body: body,
      ContentType: contentType,
      CacheControl: 'no-cache',
    };
  }

  async putBytes(s3Key: string, body: Uint8Array, contentType: string): Promise<void> {
    await this.send(() =>
      this.client.send(new PutObjectCommand(this.smallObject(s3Key, body, contentType))),
    );
  }

  async putIfAbsent(s3Key: string, body: Uint8Array, contentType: string): Promise<boolean> {
    return this.send(async () => {
      try {
        await this.client.send(
          new PutObjectCommand({ ...this.smallObject(s3Key, body, contentType), IfNoneMatch: '*' }),
        );
        return true;
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata
          ?.httpStatusCode;
        // 412: the key exists. 409: a concurrent conditional write to the same key won.
        if (status === 412 || status === 409) return false;
        throw error;
      }
    });
  }

  async head(s3Key: string): Promise<StoredObject | null> {
    try {
      const out = await this.send(async () => {
        try {
          return await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: s3Key }));
        } catch (error) {
          if (isNotFound(error)) return null;
          throw error;
        }
      });
      if (out === null) return null;
      const m = out.Metadata ?? {};
      return {
        s3Key,
        size: out.ContentLength ?? 0,
        metadata:
          m.sha256 && m.platform
            ? {
                sha256: m.sha256,
                platform: m.platform,
                ...(m['build-version'] ? { buildVersion: m['build-version'] } : {}),
                ...(m['build-commit'] ? { buildCommit: m['build-commit'] } : {}),
              }
            : null,
      };
    } catch (error) {
      throw explainS3Error(error, this.bucket, this.endpoint);
    }
  }

  async get(s3Key: string): Promise<Uint8Array | null> {
    // The SDK retries the request; reading the body happens after it, so a connection lost
    // mid-body is retried here.
    return this.send(() => withRetry(() => this.getOnce(s3Key)));
  }

  private async getOnce(s3Key: string): Promise<Uint8Array | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: s3Key }));
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async hashObject(s3Key: string): Promise<string | null> {
    return this.send(() => withRetry(() => this.hashOnce(s3Key)));
  }

  private async hashOnce(s3Key: string): Promise<string | null> {
    let out: GetObjectCommandOutput;
    try {
      out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: s3Key }));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    const hash = createHash('sha256');
    await pipeline(out.Body as Readable, hash);
    return hash.digest('hex');
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    let token: string | undefined;
    do {
      const page = await this.send(() =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix.endsWith('/') ? prefix : `${prefix}/`,
            ContinuationToken: token,
            MaxKeys: 1000,
          }),
        ),
      );
      for (const item of page.Contents ?? []) {
        if (item.Key !== undefined) yield { s3Key: item.Key, size: item.Size ?? 0 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async copy(sourceKey: string, targetKey: string): Promise<void> {
    await this.send(() =>
      this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: targetKey,
          CopySource: `${this.bucket}/${sourceKey.split('/').map(encodeURIComponent).join('/')}`,
          MetadataDirective: 'COPY',
        }),
      ),
    );
  }

  async deleteMany(keys: readonly string[]): Promise<{ deleted: number; requests: number }> {
    let deleted = 0;
    let requests = 0;
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      const out = await this.send(() =>
        this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        ),
      );
      requests++;
      if (out.Errors && out.Errors.length > 0) {
        const first = out.Errors[0];
        throw new OpsError(
          `could not delete ${out.Errors.length} of ${batch.length} objects (first: ${first?.Key}: ${first?.Code} ${first?.Message}); re-run cleanup`,
          'DELETE_FAILED',
        );
      }
      deleted += batch.length;
    }
    return { deleted, requests };
  }

  destroy(): void {
    this.client.destroy();
  }
}
