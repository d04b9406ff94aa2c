/**
 * `rotate`: fill the current and next windows by server-side copy from the newest complete one.
 * @module
 */
import { PLATFORMS, type Platform, s3ObjectKey, uploadWindows } from '@local-memory/download-keys';
import { OpsError } from '../errors.js';
import { readManifest, writeManifest } from '../manifest.js';
import type { OperationContext, OperationProgress } from './context.js';
import { holdsRelease, newestCompleteWindow, windowsInStore } from './storeWindows.js';

export interface RotateResult {
  readonly dryRun: boolean;
  readonly windows: readonly number[];
  readonly sourceWindow: number | null;
  /** Keys copied (or, in a dry run, that would be copied). */
  readonly copied: readonly string[];
  readonly alreadyPresent: number;
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
