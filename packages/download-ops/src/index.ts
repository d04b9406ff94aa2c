/**
 * @local-memory/download-ops — upload, verify, rotate and clean the time-windowed release ZIPs
 * in S3 (or a local folder with the same layout). Node only.
 * @module
 */
export { makeDemoRelease } from './demoRelease.js';
export {
  type BinariesUpdatedPayload,
  type DispatchArtifact,
  fetchArtifacts,
  parseDispatch,
  SCHEMA_PATH,
  validateDispatch,
} from './dispatch.js';
export {
  acquireLease,
  defaultOwner,
  type Lease,
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
  type OperationContext,
  type OperationProgress,
  type RotateResult,
  rotate,
  type UploadOptions,
  type UploadResult,
  upload,
  type VerifyProblem,
  type VerifyResult,
  verify,
} from './operations.js';
export {
  assertSafeEntryName,
  type ReleaseFile,
  readRelease,
  sha256File,
  zipEntryNames,
} from './release.js';
export { isRetryable, type RetryOptions, withRetry } from './retry.js';
export { FsStore } from './store/fsStore.js';
export { explainS3Error, S3Store, type S3StoreOptions } from './store/s3Store.js';
export {
  type ListedObject,
  type ObjectMetadata,
  OpsError,
  type Store,
  type StoredObject,
} from './store/types.js';
