/**
 * What the store holds, window by window: whether an object holds the release's bytes, which
 * windows are present and which is the newest complete one. Shared by upload, rotate and cleanup.
 * @module
 */
import {
  PLATFORMS,
  type Platform,
  parseDownloadPath,
  s3ObjectKey,
} from '@local-memory/download-keys';
import { leaseKey } from '../lease.js';
import type { ReleaseManifest } from '../manifest.js';
import type { Store } from '../store/types.js';
import type { OperationContext } from './context.js';

export type Fit = 'match' | 'missing' | 'different';

export async function fit(
  store: Store,
  s3Key: string,
  size: number,
  sha256: string,
  deep: boolean,
): Promise<Fit> {
  const head = await store.head(s3Key);
  if (head === null) return 'missing';
  if (head.size !== size || head.metadata?.sha256 !== sha256) return 'different';
  if (deep && (await store.hashObject(s3Key)) !== sha256) return 'different';
  return 'match';
}

export async function matches(
  store: Store,
  s3Key: string,
  size: number,
  sha256: string,
  deep: boolean,
) {
  return (await fit(store, s3Key, size, sha256, deep)) === 'match';
}

/** Group the listed keys under `prefix/` by window, keeping only keys in the layout. */
export async function windowsInStore(
  store: Store,
  prefix: string,
): Promise<{ byWindow: Map<number, string[]>; foreign: string[]; total: number }> {
  const byWindow = new Map<number, string[]>();
  const foreign: string[] = [];
  let total = 0;
  const lease = leaseKey(prefix);
  for await (const object of store.list(prefix)) {
    if (object.s3Key === lease) continue;
    total++;
    const rest = object.s3Key.slice(prefix.length + 1);
    const location = rest.split('/').length === 4 ? parseDownloadPath(rest) : null;
    if (location === null) {
      foreign.push(object.s3Key);
      continue;
    }
    const keys = byWindow.get(location.timeWindow) ?? [];
    keys.push(object.s3Key);
    byWindow.set(location.timeWindow, keys);
  }
  return { byWindow, foreign, total };
}

export type Holds = (timeWindow: number, platform: Platform) => Promise<boolean>;

/**
 * Whether a window holds a platform's object: with the release's size and SHA-256 when the
 * manifest is known, else merely present.
 */
export function holdsRelease(ctx: OperationContext, manifest: ReleaseManifest | null): Holds {
  return async (timeWindow, platform) => {
    const s3Key = s3ObjectKey(ctx.secret, timeWindow, platform, ctx.prefix);
    if (manifest === null) return (await ctx.store.head(s3Key)) !== null;
    const expected = manifest.artifacts[platform];
    return matches(ctx.store, s3Key, expected.size, expected.sha256, false);
  };
}

async function isComplete(timeWindow: number, holds: Holds): Promise<boolean> {
  for (const platform of PLATFORMS) if (!(await holds(timeWindow, platform))) return false;
  return true;
}

/** The newest window holding every platform of the release: what rotate copies from. */
export async function newestCompleteWindow(
  byWindow: ReadonlyMap<number, readonly string[]>,
  holds: Holds,
): Promise<number | null> {
  for (const candidate of [...byWindow.keys()].sort((a, b) => b - a)) {
    if (await isComplete(candidate, holds)) return candidate;
  }
  return null;
}
