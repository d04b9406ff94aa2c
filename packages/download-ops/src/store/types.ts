/**
 * The one interface the operations are written against. S3 (any S3-compatible endpoint) and a
 * local folder implement it with the same key layout, so the landing demo, dry local runs and
 * production share every line of the operations.
 * @module
 */

/** Metadata kept on every release object. */
export interface ObjectMetadata {
  /** Lowercase hex SHA-256 of the object's bytes. */
  readonly sha256: string;
  readonly platform: string;
  readonly buildVersion?: string;
  readonly buildCommit?: string;
}

export interface StoredObject {
  readonly s3Key: string;
  readonly size: number;
  /** Null when the object carries no metadata (not written by these tools). */
  readonly metadata: ObjectMetadata | null;
}

export interface ListedObject {
  readonly s3Key: string;
  readonly size: number;
}

export type PutProgress = (loadedBytes: number, totalBytes: number) => void;

export interface Store {
  /** Human description for messages, e.g. `s3://bucket (http://127.0.0.1:4568)`. */
  readonly description: string;
  /** Optional pre-flight: throws an OpsError when the store cannot be used at all. */
  check?(): Promise<void>;
  /** Upload a local file. */
  putFile(
    s3Key: string,
    file: string,
    size: number,
    metadata: ObjectMetadata,
    onProgress?: PutProgress,
  ): Promise<void>;
  /** Write small content (the release manifest). */
  putBytes(s3Key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** Size and metadata, or null when the object does not exist. */
  head(s3Key: string): Promise<StoredObject | null>;
  /** The whole object, or null when it does not exist. */
  get(s3Key: string): Promise<Uint8Array | null>;
  /** SHA-256 of the stored bytes, streamed, or null when missing. */
  hashObject(s3Key: string): Promise<string | null>;
  /** Every object under `prefix/` (paginated underneath). */
  list(prefix: string): AsyncIterable<ListedObject>;
  /** Server-side copy, keeping content type and metadata. */
  copy(sourceKey: string, targetKey: string): Promise<void>;
  /**
   * Create small content only if nothing exists at `key` (S3 `If-None-Match: *`, or an exclusive
   * create in a folder). Returns false when the key already exists.
   */
  putIfAbsent(s3Key: string, body: Uint8Array, contentType: string): Promise<boolean>;
  /** Delete keys in batches of at most 1000; returns how many were deleted. */
  deleteMany(keys: readonly string[]): Promise<{ deleted: number; requests: number }>;
}
