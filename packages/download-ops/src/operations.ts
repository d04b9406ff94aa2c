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
import { leaseKey } from './lease.js';
import { manifestKey, type ReleaseManifest, readManifest, writeManifest } from './manifest.js';
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

/** Progress for people: the total first, then each object's bytes as they go. */
export interface OperationProgress {
  start(totalBytes: number, objects: number): void;
  object(key: string, size: number): PutProgress;
  done(): void;
}

// ---------------------------------------------------------------------------------------------
// upload

export interface UploadResult {
  readonly dryRun: boolean;
  readonly windows: readonly number[];
  /** Keys written (or, in a dry run, that would be written). */
  readonly uploaded: readonly string[];
  readonly unchanged: readonly string[];
  /** Of `uploaded`, keys that existed with other content (size, checksum or bytes) and were replaced. */
  readonly repaired: readonly string[];
  readonly bytes: number;
  /** The build recorded in the manifest. */
  readonly build: { readonly version?: string; readonly commit?: string };
}

export interface UploadOptions {
  readonly releaseDir: string;
  /** Build metadata; a field not given keeps what the manifest records for the same bytes. */
  readonly build?: { readonly version?: string; readonly commit?: string };
  /** Forget the recorded build metadata instead of keeping it. */
  readonly resetBuild?: boolean;
  /** Unix seconds: when the build was released (recorded in the manifest). */
  readonly releasedAt?: number;
  readonly progress?: OperationProgress;
  /** Upload even objects that already hold these bytes (a suspected corrupt store). */
  readonly force?: boolean;
  /** Re-hash objects that look in place before skipping them (finds flipped bytes). */
  readonly deep?: boolean;
  /** Print the plan, change nothing. */
  readonly dryRun?: boolean;
}

type Fit = 'match' | 'missing' | 'different';

async function fit(
  store: Store,
  key: string,
  size: number,
  sha256: string,
  deep: boolean,
): Promise<Fit> {
  const head = await store.head(key);
  if (head === null) return 'missing';
  if (head.size !== size || head.metadata?.sha256 !== sha256) return 'different';
  if (deep && (await store.hashObject(key)) !== sha256) return 'different';
  return 'match';
}

async function matches(store: Store, key: string, size: number, sha256: string, deep: boolean) {
  return (await fit(store, key, size, sha256, deep)) === 'match';
}

function sameArtifacts(manifest: ReleaseManifest, files: readonly ReleaseFile[]): boolean {
  return files.every((f) => {
    const recorded = manifest.artifacts[f.platform];
    return recorded?.sha256 === f.sha256 && recorded.size === f.size;
  });
}

/**
 * Upload each platform ZIP to the current and the next window, read each object back and check
 * its SHA-256, then record the release manifest. Objects already holding the same bytes (size and
 * checksum metadata; with `deep`, the bytes themselves) are left as they are, so a re-run is cheap
 * and idempotent; any other object at a release key is replaced. Build metadata not given is
 * kept from the manifest when the release is the same one, so a no-op re-run never erases it.
 * @param ctx - store, secret, prefix and time
 * @param options - the release folder and what to record
 * @returns what was (or, with `dryRun`, would be) uploaded
 * @throws {OpsError} MISSING_ZIPS, NOT_A_ZIP, WRONG_CONTENTS, UNSAFE_ZIP_ENTRY, UPLOAD_FAILED
 */
export async function upload(ctx: OperationContext, options: UploadOptions): Promise<UploadResult> {
  const files = await readRelease(options.releaseDir);
  const windows = uploadWindows(ctx.now);
  let previous: ReleaseManifest | null = null;
  try {
    previous = await readManifest(ctx.store, ctx.prefix);
  } catch (error) {
    if (!(error instanceof OpsError)) throw error;
    // No manifest, or a broken one: this upload writes a fresh one.
  }
  const kept =
    previous !== null && !options.resetBuild && sameArtifacts(previous, files)
      ? previous.build
      : {};
  const build = {
    ...kept,
    ...(options.build?.version ? { version: options.build.version } : {}),
    ...(options.build?.commit ? { commit: options.build.commit } : {}),
  };

  const plan: { key: string; file: ReleaseFile; state: Fit }[] = [];
  for (const timeWindow of windows) {
    for (const file of files) {
      const key = s3ObjectKey(ctx.secret, timeWindow, file.platform, ctx.prefix);
      const state = options.force
        ? 'different'
        : await fit(ctx.store, key, file.size, file.sha256, options.deep === true);
      plan.push({ key, file, state });
    }
  }
  const toWrite = plan.filter((p) => p.state !== 'match');
  const unchanged = plan.filter((p) => p.state === 'match').map((p) => p.key);
  const repaired = toWrite.filter((p) => p.state === 'different').map((p) => p.key);
  const bytes = toWrite.reduce((sum, p) => sum + p.file.size, 0);
  const result: UploadResult = {
    dryRun: Boolean(options.dryRun),
    windows,
    uploaded: toWrite.map((p) => p.key),
    unchanged,
    repaired,
    bytes,
    build,
  };
  for (const key of unchanged) ctx.log?.(`unchanged ${key}`);
  if (result.dryRun) {
    for (const p of toWrite)
      ctx.log?.(
        `would upload ${p.key} (${p.file.size} bytes${p.state === 'different' ? ', replacing other content' : ''})`,
      );
    ctx.log?.(`would write ${manifestKey(ctx.prefix)}`);
    return result;
  }

  options.progress?.start(bytes, toWrite.length);
  for (const p of toWrite) {
    await putVerified(ctx, p.key, p.file, build, options.progress?.object(p.key, p.file.size));
    ctx.log?.(
      `${p.state === 'different' ? 'replaced ' : 'uploaded '} ${p.key} (${p.file.size} bytes, sha256 ${p.file.sha256.slice(0, 12)}…)`,
    );
  }
  options.progress?.done();
  const releasedAt =
    options.releasedAt ?? (kept === previous?.build ? previous?.releasedAt : undefined);
  const manifest: ReleaseManifest = {
    schemaVersion: 1,
    uploadedAt: new Date(ctx.now * 1000).toISOString(),
    build,
    artifacts: Object.fromEntries(
      files.map((f) => [f.platform, { filename: f.filename, size: f.size, sha256: f.sha256 }]),
    ) as ReleaseManifest['artifacts'],
    ...(releasedAt !== undefined ? { releasedAt } : {}),
  };
  await writeManifest(ctx.store, ctx.prefix, manifest);
  return result;
}

/** Put one object and read it back; never leave it listed with the wrong bytes. */
async function putVerified(
  ctx: OperationContext,
  key: string,
  file: ReleaseFile,
  build: { readonly version?: string; readonly commit?: string },
  onProgress: PutProgress | undefined,
): Promise<void> {
  const metadata = {
    sha256: file.sha256,
    platform: file.platform,
    ...(build.version ? { buildVersion: build.version } : {}),
    ...(build.commit ? { buildCommit: build.commit } : {}),
  };
  let lastError: unknown;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await ctx.store.putFile(key, file.path, file.size, metadata, onProgress);
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
  readonly dryRun: boolean;
  readonly windows: readonly number[];
  readonly sourceWindow: number | null;
  /** Keys copied (or, in a dry run, that would be copied). */
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
  const lease = leaseKey(prefix);
  for await (const object of store.list(prefix)) {
    if (object.key === lease) continue;
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
 * complete window (no bytes re-uploaded), then record the time in the manifest (`rotatedAt`, the
 * clock guard's reference). Idempotent: a second run copies nothing.
 * @param ctx - store, secret, prefix and time
 * @param options - `dryRun`: list the copies, change nothing; `progress`: copy progress
 * @returns the windows, the source and what was copied
 * @throws {OpsError} NO_RELEASE, BAD_MANIFEST, NO_COMPLETE_WINDOW, COPY_FAILED
 */
export async function rotate(
  ctx: OperationContext,
  options: { readonly dryRun?: boolean; readonly progress?: OperationProgress } = {},
): Promise<RotateResult> {
  const manifest = await readManifest(ctx.store, ctx.prefix);
  const windows = uploadWindows(ctx.now);
  const holds = holdsRelease(ctx, manifest);
  const dryRun = options.dryRun === true;

  const needed: { timeWindow: number; platform: Platform }[] = [];
  let alreadyPresent = 0;
  for (const timeWindow of windows) {
    for (const platform of PLATFORMS) {
      if (await holds(timeWindow, platform)) alreadyPresent++;
      else needed.push({ timeWindow, platform });
    }
  }
  const recordRotation = async () => {
    if (dryRun) return;
    const now = Math.floor(ctx.now);
    if ((manifest.rotatedAt ?? 0) >= now) return;
    await writeManifest(ctx.store, ctx.prefix, { ...manifest, rotatedAt: now });
  };
  if (needed.length === 0) {
    ctx.log?.(`windows ${windows.join(' and ')} already hold every platform`);
    await recordRotation();
    return { dryRun, windows, sourceWindow: null, copied: [], alreadyPresent };
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
  if (dryRun) {
    for (const { timeWindow, platform } of needed) {
      const target = s3ObjectKey(ctx.secret, timeWindow, platform, ctx.prefix);
      copied.push(target);
      ctx.log?.(`would copy ${target} from window ${sourceWindow}`);
    }
    return { dryRun, windows, sourceWindow, copied, alreadyPresent };
  }
  options.progress?.start(
    needed.reduce((sum, n) => sum + manifest.artifacts[n.platform].size, 0),
    needed.length,
  );
  for (const { timeWindow, platform } of needed) {
    const source = s3ObjectKey(ctx.secret, sourceWindow, platform, ctx.prefix);
    const target = s3ObjectKey(ctx.secret, timeWindow, platform, ctx.prefix);
    const size = manifest.artifacts[platform].size;
    const tick = options.progress?.object(target, size);
    await ctx.store.copy(source, target);
    if (!(await holds(timeWindow, platform))) {
      throw new OpsError(
        `copy to ${target} did not produce the expected object; run rotate again`,
        'COPY_FAILED',
      );
    }
    tick?.(size, size);
    copied.push(target);
    ctx.log?.(`copied    ${target} from window ${sourceWindow}`);
  }
  options.progress?.done();
  await recordRotation();
  return { dryRun, windows, sourceWindow, copied, alreadyPresent };
}

// ---------------------------------------------------------------------------------------------
// cleanup

/** How many of the newest windows present in the store cleanup never deletes. */
export const NEWEST_WINDOWS_KEPT = 4;

export interface CleanupResult {
  readonly dryRun: boolean;
  readonly currentWindow: number;
  /** Windows at or above this one are kept. */
  readonly oldestKept: number;
  readonly deletedWindows: readonly number[];
  readonly keptWindows: readonly number[];
  /** An old window kept because rotation has not completed and it is the only complete copy. */
  readonly sourceKept: number | null;
  /** Windows below the retention line kept anyway: the newest complete one and the four newest present. */
  readonly protectedWindows: readonly number[];
  /** Whether the manifest could be read; without it, windows count as complete when all present. */
  readonly manifest: 'ok' | 'missing' | 'invalid';
  readonly deleted: number;
  readonly deleteRequests: number;
  /** Keys under the prefix that are not in the window layout, left alone. */
  readonly leftAlone: number;
  readonly listed: number;
}

export interface CleanupOptions {
  /** List what would be deleted, delete nothing. */
  readonly dryRun?: boolean;
  /**
   * Skip the clock guard: run even though "now" is more than one window away from the manifest's
   * last upload or rotation.
   */
  readonly trustClock?: boolean;
}

/**
 * Delete windows older than `current − 4`, in batches of at most 1000 keys. Never touches the
 * current, next or retained windows, the newest complete window, any of the four newest windows
 * present, keys outside the prefix, or keys not in the window layout. Refuses to run when "now"
 * is more than one window away from the manifest's last upload or rotation (a wrong clock or
 * `--at` would otherwise delete the windows customers' links point at), unless `trustClock`.
 * A broken or missing manifest does not stop it: it then counts a window as complete when every
 * platform is present, and takes the clock's reference from the newest window in the store.
 * @param ctx - store, secret, prefix and time
 * @param options - dry run, clock guard override
 * @returns what was (or would be) deleted and what was kept
 * @throws {OpsError} CLOCK_SKEW, DELETE_FAILED
 */
export async function cleanup(
  ctx: OperationContext,
  options: CleanupOptions = {},
): Promise<CleanupResult> {
  const currentWindow = timeWindowAt(ctx.now);
  const oldestKept = oldestRetainedWindow(currentWindow);
  let manifest: ReleaseManifest | null = null;
  let manifestState: CleanupResult['manifest'] = 'ok';
  try {
    manifest = await readManifest(ctx.store, ctx.prefix);
  } catch (error) {
    if (!(error instanceof OpsError)) throw error;
    if (error.code === 'NO_RELEASE') manifestState = 'missing';
    else if (error.code === 'BAD_MANIFEST') {
      manifestState = 'invalid';
      ctx.log?.(`${error.message}; cleaning up only what the objects themselves prove`);
    } else throw error;
  }
  const { byWindow, foreign, total } = await windowsInStore(ctx.store, ctx.prefix);
  const present = [...byWindow.keys()].sort((a, b) => b - a);

  // The clock guard.
  const reference =
    manifest !== null
      ? {
          window: timeWindowAt(
            Math.floor(Math.max(Date.parse(manifest.uploadedAt) / 1000, manifest.rotatedAt ?? 0)),
          ),
          what: "the manifest's last upload or rotation",
        }
      : present[0] !== undefined
        ? { window: present[0] - 1, what: 'the newest window in the store' }
        : null;
  if (reference !== null && Math.abs(currentWindow - reference.window) > 1 && !options.trustClock) {
    throw new OpsError(
      `refusing to clean up: now (${new Date(ctx.now * 1000).toISOString()}, window ${currentWindow}) is ${Math.abs(currentWindow - reference.window)} windows away from ${reference.what} (window ${reference.window}). Check the clock and --at; run \`download-ops rotate\` first if rotation has stopped, or pass --i-know-the-clock if this is intended.`,
      'CLOCK_SKEW',
    );
  }

  const holds = holdsRelease(ctx, manifest);
  const newestComplete = await newestCompleteWindow(byWindow, holds);
  const protectedSet = new Set<number>(present.slice(0, NEWEST_WINDOWS_KEPT));
  if (newestComplete !== null) protectedSet.add(newestComplete);
  const sourceKept = newestComplete !== null && newestComplete < oldestKept ? newestComplete : null;
  if (sourceKept !== null) {
    ctx.log?.(
      `keeping window ${sourceKept}: it is the newest complete copy of the release; run \`download-ops rotate\``,
    );
  }
  const keep = (w: number) => w >= oldestKept || protectedSet.has(w);
  const deletedWindows = present.filter((w) => !keep(w)).sort((a, b) => a - b);
  const keptWindows = present.filter(keep).sort((a, b) => a - b);
  const protectedWindows = keptWindows.filter((w) => w < oldestKept);
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
    protectedWindows,
    manifest: manifestState,
    deleted,
    deleteRequests,
    leftAlone: foreign.length,
    listed: total,
  };
}
