/**
 * `cleanup`: delete windows older than `current − 4`, guarded by the clock and never touching the
 * windows customers' links may point at.
 * @module
 */
import { oldestRetainedWindow, timeWindowAt } from '@local-memory/download-keys';
import { isOpsError, OpsError } from '../errors.js';
import { type ReleaseManifest, readManifest, uploadedAtSeconds } from '../manifest.js';
import type { OperationContext } from './context.js';
import { holdsRelease, newestCompleteWindow, windowsInStore } from './storeWindows.js';

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
    if (isOpsError(error, 'NO_RELEASE')) manifestState = 'missing';
    else if (isOpsError(error, 'BAD_MANIFEST')) {
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
          window: timeWindowAt(Math.max(uploadedAtSeconds(manifest), manifest.rotatedAt ?? 0)),
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
