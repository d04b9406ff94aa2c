/**
 * @local-memory/download-ops — upload, verify, rotate and clean the time-windowed release ZIPs
 * in S3 (or a local folder with the same layout). Node only.
 * @module
 */
export { makeDemoRelease } from './demoRelease.js';
export { fetchArtifacts } from './dispatch/fetch.js';
export {
  type BinariesUpdatedPayload,
  type DispatchArtifact,
  parseDispatch,
  SCHEMA_PATH,
  validateDispatch,
} from './dispatch/payload.js';
export { isOpsError, OpsError, type OpsErrorCode } from './errors.js';
export {
  acquireLease,
  defaultOwner,
  type Lease,
  type LeaseClock,
  type LeaseOptions,
  type LeaseRecord,
  leaseKey,
} from './lease.js';
export {
  type ManifestArtifact,
  manifestKey,
  manifestProblems,
  type ReleaseManifest,
  readManifest,
} from './manifest.js';
export {
  type CleanupOptions,
  type CleanupResult,
  cleanup,
  NEWEST_WINDOWS_KEPT,
} from './operations/cleanup.js';
export type { OperationContext, OperationProgress } from './operations/context.js';
export { type RotateResult, rotate } from './operations/rotate.js';
export { type UploadOptions, type UploadResult, upload } from './operations/upload.js';
export { type VerifyProblem, type VerifyResult, verify } from './operations/verify.js';
export {
  assertSafeEntryName,
  type ReleaseFile,
  readRelease,
  sha256File,
  zipEntryNames,
} from './release.js';
export { isRetryable, type RetryOptions, withRetry } from './retry.js';
export { FsStore } from './store/fsStore.js';
export { explainS3Error } from './store/s3Errors.js';
export { S3Store, type S3StoreOptions } from './store/s3Store.js';
export type { ListedObject, ObjectMetadata, Store, StoredObject } from './store/types.js';
