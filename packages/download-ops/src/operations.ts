/**
 * The four operations on the release store: upload, verify, rotate and cleanup. Each takes the
 * store, the secret, the key prefix and the time (injected, never read here), and returns a plain
 * result the CLI prints as text or JSON.
 * @module
 */
import {
  oldestRetainedWindow,
  PLATFORMS,
  type Platform,
  parseDownloadPath,
  s3ObjectKey,
  timeWindowAt,
  uploadWindows,
} from '@local-memory/download-keys';
import { type ReleaseFile, readRelease } from './release.js';
import { OpsError, type PutProgress, type Store } from './store/types.js';

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

/** The release manifest kept at `{prefix}/release.json`: what every window must hold. */
export interface ReleaseManifest {
  readonly schemaVersion: 1;
  readonly uploadedAt: string;
  readonly build: { readonly version?: string; readonly commit?: string };
  readonly artifacts: Readonly<
    Record<Platform, { readonly filename: string; readonly size: number; readonly sha256: string }>
  >;
}

export const manifestKey = (prefix: string) => `${prefix}/release.json`;

export async function readManifest(store: Store, prefix: string): Promise<ReleaseManifest> {
  const bytes = await store.get(manifestKey(prefix));
  if (bytes === null) {
    throw new OpsError(
      `no release has been uploaded to ${store.description} under ${prefix}/ (missing ${manifestKey(prefix)}); run \`download-ops upload <dir>\` first`,
      'NO_RELEASE',
    );
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as ReleaseManifest;
  } catch {
    throw new OpsError(
      `${manifestKey(prefix)} is not valid JSON; run \`download-ops upload <dir>\` again to rewrite it`,
      'BAD_MANIFEST',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// upload

export interface UploadResult {
  readonly windows: readonly number[];
  readonly uploaded: readonly string[];
  readonly unchanged: readonly string[];
  readonly bytes: number;
}

async function matches(store: Store, key: string, size: number, sha256: string, deep: boolean) {
  const head = await store.head(key);
  if (head === null || head.size !== size || head.metadata?.sha256 !== sha256) return false;
  return deep ? (await store.hashObject(key)) === sha256 : true;
}

/**
 * Upload each platform ZIP to the current and the next window, read each object back and check
 * its SHA-256, then record the release manifest. Objects already holding the same bytes are left
 * as they are, so a re-run is cheap and idempotent.
 */
export async function upload(
  ctx: OperationContext,
  options: {
    readonly releaseDir: string;
    readonly build?: { readonly version?: string; readonly commit?: string };
    readonly onProgress?: (key: string) => PutProgress;
    /** Upload even objects that already hold these bytes (a suspected corrupt store). */
    readonly force?: boolean;
  },
): Promise<UploadResult> {
  const files = await readRelease(options.releaseDir);
  const windows = uploadWindows(ctx.now);
  const uploaded: string[] = [];
  const unchanged: string[] = [];
  let bytes = 0;
  for (const timeWindow of windows) {
    for (const file of files) {
      const key = s3ObjectKey(ctx.secret, timeWindow, file.platform, ctx.prefix);
      if (!options.force && (await matches(ctx.store, key, file.size, file.sha256, false))) {
        unchanged.push(key);
        ctx.log?.(`unchanged ${key}`);
        continue;
      }
      await putVerified(ctx, key, file, options);
      uploaded.push(key);
      bytes += file.size;
      ctx.log?.(`uploaded  ${key} (${file.size} bytes, sha256 ${file.sha256.slice(0, 12)}…)`);
    }
  }
  const manifest: ReleaseManifest = {
    schemaVersion: 1,
    uploadedAt: new Date(ctx.now * 1000).toISOString(),
    build: options.build ?? {},
    artifacts: Object.fromEntries(
      files.map((f) => [f.platform, { filename: f.filename, size: f.size, sha256: f.sha256 }]),
    ) as ReleaseManifest['artifacts'],
  };
  await ctx.store.putBytes(
    manifestKey(ctx.prefix),
    new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    'application/json',
  );
  return { windows, uploaded, unchanged, bytes };
}

/** Put one object and read it back; never leave it listed with the wrong bytes. */
async function putVerified(
  ctx: OperationContext,
  key: string,
  file: ReleaseFile,
  options: {
    readonly build?: { readonly version?: string; readonly commit?: string };
    readonly onProgress?: (key: string) => PutProgress;
  },
): Promise<void> {
  const metadata = {
    sha256: file.sha256,
    platform: file.platform,
    ...(options.build?.version ? { buildVersion: options.build.version } : {}),
    ...(options.build?.commit ? { buildCommit: options.build.commit } : {}),
  };
  let lastError: unknown;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await ctx.store.putFile(key, file.path, file.size, metadata, options.onProgress?.(key));
      if (await matches(ctx.store, key, file.size, file.sha256, true)) return;
      lastError = new OpsError(
        `read-back of ${key} did not match the file's SHA-256 ${file.sha256}`,
        'READ_BACK_MISMATCH',
      );
    } catch (error) {
      lastError = error;
    }
  }
  // Whatever is there now is not this file: remove it rather than leave a wrong download listed.
  try {
    if (!(await matches(ctx.store, key, file.size, file.sha256, true))) {
      await ctx.store.deleteMany([key]);
    }
  } catch {
    // the store is failing; the error below says so
  }
  throw lastError instanceof OpsError
    ? lastError
    : new OpsError(
        `upload of ${key} failed after retries: ${(lastError as Error)?.message ?? lastError}. Nothing wrong was left in place; run upload again.`,
        'UPLOAD_FAILED',
      );
}

// ---------------------------------------------------------------------------------------------
// verify

export interface VerifyProblem {
  readonly key: string;
  readonly timeWindow: number;
  readonly platform: Platform;
  readonly problem: 'missing' | 'wrong-size' | 'wrong-checksum' | 'no-checksum';
  readonly detail: string;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly windows: readonly number[];
  readonly checked: number;
  readonly problems: readonly VerifyProblem[];
}

/**
 * Check that every platform's object exists in each window with the manifest's size and
 * SHA-256 (from the object's metadata; with `deep`, by hashing the stored bytes).
 */
export async function verify(
  ctx: OperationContext,
  options: { readonly windows?: readonly number[]; readonly deep?: boolean } = {},
): Promise<VerifyResult> {
  const manifest = await readManifest(ctx.store, ctx.prefix);
  const windows = options.windows ?? uploadWindows(ctx.now);
  const problems: VerifyProblem[] = [];
  let checked = 0;
  for (const timeWindow of windows) {
    for (const platform of PLATFORMS) {
      const expected = manifest.artifacts[platform];
      const key = s3ObjectKey(ctx.secret, timeWindow, platform, ctx.prefix);
      checked++;
      const head = await ctx.store.head(key);
      const problem = (p: VerifyProblem['problem'], detail: string) =>
        problems.push({ key, timeWindow, platform, problem: p, detail });
      if (head === null) {
        problem('missing', `${key} does not exist`);
        continue;
      }
      if (head.size !== expected.size) {
        problem('wrong-size', `${key} is ${head.size} bytes, expected ${expected.size}`);
        continue;
      }
      if (head.metadata === null) {
        problem('no-checksum', `${key} carries no sha256 metadata; re-upload it`);
        continue;
      }
      if (head.metadata.sha256 !== expected.sha256) {
        problem('wrong-checksum', `${key} is a different build (sha256 ${head.metadata.sha256})`);
        continue;
      }
      if (options.deep) {
        const actual = await ctx.store.hashObject(key);
        if (actual !== expected.sha256) {
          problem(
            'wrong-checksum',
            `${key}'s bytes hash to ${actual}, expected ${expected.sha256}`,
          );
          continue;
        }
      }
      ctx.log?.(`ok        ${key}`);
    }
  }
  return { ok: problems.length === 0, windows, checked, problems };
}

// ---------------------------------------------------------------------------------------------
// rotate

export interface RotateResult {
  readonly windows: readonly number[];
  readonly sourceWindow: number | null;
  readonly copied: readonly string[];
  readonly alreadyPresent: number;
}

/** Group the listed keys under `prefix/` by window, keeping only keys in the layout. */
async function windowsInStore(
  store: Store,
  prefix: string,
): Promise<{ byWindow: Map<number, string[]>; foreign: string[]; total: number }> {
  const byWindow = new Map<number, string[]>();
  const foreign: string[] = [];
  let total = 0;
  for await (const object of store.list(prefix)) {
    total++;
    const rest = object.key.slice(prefix.length + 1);
    const location = rest.split('/').length === 4 ? parseDownloadPath(rest) : null;
    if (location === null) {
      foreign.push(object.key);
      continue;
    }
    const keys = byWindow.get(location.timeWindow) ?? [];
    keys.push(object.key);
    byWindow.set(location.timeWindow, keys);
  }
  return { byWindow, foreign, total };
}

type Holds = (timeWindow: number, platform: Platform) => Promise<boolean>;

/**
 * Whether a window holds a platform's object: with the release's size and SHA-256 when the
 * manifest is known, else merely present.
 */
function holdsRelease(ctx: OperationContext, manifest: ReleaseManifest | null): Holds {
  return async (timeWindow, platform) => {
    const key = s3ObjectKey(ctx.secret, timeWindow, platform, ctx.prefix);
    if (manifest === null) return (await ctx.store.head(key)) !== null;
    const expected = manifest.artifacts[platform];
    return matches(ctx.store, key, expected.size, expected.sha256, false);
  };
}

async function isComplete(timeWindow: number, holds: Holds): Promise<boolean> {
  for (const platform of PLATFORMS) if (!(await holds(timeWindow, platform))) return false;
  return true;
}

/** The newest window holding every platform of the release: what rotate copies from. */
async function newestCompleteWindow(
  byWindow: ReadonlyMap<number, readonly string[]>,
  holds: Holds,
): Promise<number | null> {
  for (const candidate of [...byWindow.keys()].sort((a, b) => b - a)) {
    if (await isComplete(candidate, holds)) return candidate;
  }
  return null;
}

/**
 * Make sure the current and next windows hold every platform by server-side copy from the newest
 * complete window (no bytes re-uploaded). Idempotent: a second run copies nothing.
 */
export async function rotate(ctx: OperationContext): Promise<RotateResult> {
  const manifest = await readManifest(ctx.store, ctx.prefix);
  const windows = uploadWindows(ctx.now);
  const holds = holdsRelease(ctx, manifest);

  const needed: { timeWindow: number; platform: Platform }[] = [];
  let alreadyPresent = 0;
  for (const timeWindow of windows) {
    for (const platform of PLATFORMS) {
      if (await holds(timeWindow, platform)) alreadyPresent++;
      else needed.push({ timeWindow, platform });
    }
  }
  if (needed.length === 0) {
    ctx.log?.(`windows ${windows.join(' and ')} already hold every platform`);
    return { windows, sourceWindow: null, copied: [], alreadyPresent };
  }

  const { byWindow } = await windowsInStore(ctx.store, ctx.prefix);
  const sourceWindow = await newestCompleteWindow(byWindow, holds);
  if (sourceWindow === null) {
    throw new OpsError(
      `no window in ${ctx.store.description} holds the complete release to copy from; run \`download-ops upload <dir>\``,
      'NO_COMPLETE_WINDOW',
    );
  }
  const copied: string[] = [];
  for (const { timeWindow, platform } of needed) {
    const source = s3ObjectKey(ctx.secret, sourceWindow, platform, ctx.prefix);
    const target = s3ObjectKey(ctx.secret, timeWindow, platform, ctx.prefix);
    await ctx.store.copy(source, target);
    if (!(await holds(timeWindow, platform))) {
      throw new OpsError(
        `copy to ${target} did not produce the expected object; run rotate again`,
        'COPY_FAILED',
      );
    }
    copied.push(target);
    ctx.log?.(`copied    ${target} from window ${sourceWindow}`);
  }
  return { windows, sourceWindow, copied, alreadyPresent };
}

// ---------------------------------------------------------------------------------------------
// cleanup

export interface CleanupResult {
  readonly dryRun: boolean;
  readonly currentWindow: number;
  /** Windows at or above this one are kept. */
  readonly oldestKept: number;
  readonly deletedWindows: readonly number[];
  readonly keptWindows: readonly number[];
  /** An old window kept because rotation has not completed and it is the only complete copy. */
  readonly sourceKept: number | null;
  readonly deleted: number;
  readonly deleteRequests: number;
  /** Keys under the prefix that are not in the window layout, left alone. */
  readonly leftAlone: number;
  readonly listed: number;
}

/**
 * When rotation has not completed (the current or next window lacks a platform), the newest
 * complete window may be older than the retention line; it is the only copy rotate can use, so
 * cleanup keeps it. Returns that window, or null when nothing extra needs keeping.
 */
async function rotationSourceToKeep(
  ctx: OperationContext,
  byWindow: ReadonlyMap<number, readonly string[]>,
  oldestKept: number,
): Promise<number | null> {
  let manifest: ReleaseManifest | null = null;
  try {
    manifest = await readManifest(ctx.store, ctx.prefix);
  } catch (error) {
    if (!(error instanceof OpsError && error.code === 'NO_RELEASE')) throw error;
  }
  const holds = holdsRelease(ctx, manifest);
  const [current, next] = uploadWindows(ctx.now);
  if ((await isComplete(current as number, holds)) && (await isComplete(next as number, holds)))
    return null;
  const newest = await newestCompleteWindow(byWindow, holds);
  return newest !== null && newest < oldestKept ? newest : null;
}

/**
 * Delete windows older than `current − 4`, in batches of at most 1000 keys. Never touches the
 * current, next or retained windows, keys outside the prefix, or keys not in the window layout.
 */
export async function cleanup(
  ctx: OperationContext,
  options: { readonly dryRun?: boolean } = {},
): Promise<CleanupResult> {
  const currentWindow = timeWindowAt(ctx.now);
  const oldestKept = oldestRetainedWindow(currentWindow);
  const { byWindow, foreign, total } = await windowsInStore(ctx.store, ctx.prefix);
  const sourceKept = await rotationSourceToKeep(ctx, byWindow, oldestKept);
  if (sourceKept !== null) {
    ctx.log?.(
      `keeping window ${sourceKept}: the current and next windows are incomplete and it is the newest complete copy; run \`download-ops rotate\``,
    );
  }
  const keep = (w: number) => w >= oldestKept || w === sourceKept;
  const deletedWindows = [...byWindow.keys()].filter((w) => !keep(w)).sort((a, b) => a - b);
  const keptWindows = [...byWindow.keys()].filter(keep).sort((a, b) => a - b);
  const keys = deletedWindows.flatMap((w) => byWindow.get(w) ?? []);
  for (const w of deletedWindows) {
    ctx.log?.(
      `${options.dryRun ? 'would delete' : 'deleting'} window ${w} (${byWindow.get(w)?.length} objects)`,
    );
  }
  let deleted = 0;
  let deleteRequests = 0;
  if (!options.dryRun && keys.length > 0) {
    ({ deleted, requests: deleteRequests } = await ctx.store.deleteMany(keys));
  }
  return {
    dryRun: options.dryRun ?? false,
    currentWindow,
    oldestKept,
    deletedWindows,
    keptWindows,
    sourceKept,
    deleted: options.dryRun ? 0 : deleted,
    deleteRequests,
    leftAlone: foreign.length,
    listed: total,
  };
}
