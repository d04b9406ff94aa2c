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
  type CleanupResult,
  cleanup,
  manifestKey,
  type OperationContext,
  type ReleaseManifest,
  type RotateResult,
  readManifest,
  rotate,
  type UploadResult,
  upload,
  type VerifyProblem,
  type VerifyResult,
  verify,
} from './operations.js';
export { type ReleaseFile, readRelease, sha256File, zipEntryNames } from './release.js';
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
