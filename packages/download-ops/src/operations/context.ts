/**
 * What every operation on the release store takes: the store, the secret, the key prefix and the
 * time (injected, never read by an operation), and how it reports progress to people.
 * @module
 */
import type { PutProgress, Store } from '../store/types.js';

/** What every operation needs. */
export interface OperationContext {
  readonly store: Store;
  readonly secret: string;
  /** Key prefix, e.g. `downloads` (no slashes at either end). */
  readonly prefix: string;
  /** Unix seconds: the operation's idea of "now". */
  readonly now: number;
  /** Progress lines for people; never receives the secret. */
  readonly log?: (line: string) => void;
}

/** Progress for people: the total first, then each object's bytes as they go. */
export interface OperationProgress {
  start(totalBytes: number, objects: number): void;
  object(s3Key: string, size: number): PutProgress;
  done(): void;
}
