/**
 * `upload`: put each platform ZIP into the current and the next window, read each back, and record
 * the release manifest.
 * @module
 */
import { s3ObjectKey, uploadWindows } from '@local-memory/download-keys';
import { OpsError } from '../errors.js';
import { manifestKey, type ReleaseManifest, readManifest, writeManifest } from '../manifest.js';
import { type ReleaseFile, readRelease } from '../release.js';
import type { PutProgress } from '../store/types.js';
import type { OperationContext, OperationProgress } from './context.js';
import { type Fit, fit, matches } from './storeWindows.js';

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

  const plan: { s3Key: string; file: ReleaseFile; state: Fit }[] = [];
  for (const timeWindow of windows) {
    for (const file of files) {
      const s3Key = s3ObjectKey(ctx.secret, timeWindow, file.platform, ctx.prefix);
      const state = options.force
        ? 'different'
        : await fit(ctx.store, s3Key, file.size, file.sha256, options.deep === true);
      plan.push({ s3Key, file, state });
    }
  }
  const toWrite = plan.filter((p) => p.state !== 'match');
  const unchanged = plan.filter((p) => p.state === 'match').map((p) => p.s3Key);
  const repaired = toWrite.filter((p) => p.state === 'different').map((p) => p.s3Key);
  const bytes = toWrite.reduce((sum, p) => sum + p.file.size, 0);
  const result: UploadResult = {
    dryRun: Boolean(options.dryRun),
    windows,
    uploaded: toWrite.map((p) => p.s3Key),
    unchanged,
    repaired,
    bytes,
    build,
  };
  for (const s3Key of unchanged) ctx.log?.(`unchanged ${s3Key}`);
  if (result.dryRun) {
    for (const p of toWrite)
      ctx.log?.(
        `would upload ${p.s3Key} (${p.file.size} bytes${p.state === 'different' ? ', replacing other content' : ''})`,
      );
    ctx.log?.(`would write ${manifestKey(ctx.prefix)}`);
    return result;
  }

  options.progress?.start(bytes, toWrite.length);
  for (const p of toWrite) {
    await putVerified(ctx, p.s3Key, p.file, build, options.progress?.object(p.s3Key, p.file.size));
    ctx.log?.(
      `${p.state === 'different' ? 'replaced ' : 'uploaded '} ${p.s3Key} (${p.file.size} bytes, sha256 ${p.file.sha256.slice(0, 12)}…)`,
    );
  }
  options.progress?.done();
  const releasedAt =
    options.releasedAt ?? (kept === previous?.build ? previous?.releasedAt : undefined);
  const manifest: ReleaseManifest = {
    schemaVersion: 1,
    uploadedAt: ctx.now,
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
  s3Key: string,
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
      await ctx.store.putFile(s3Key, file.path, file.size, metadata, onProgress);
      if (await matches(ctx.store, s3Key, file.size, file.sha256, true)) return;
      lastError = new OpsError(
        `read-back of ${s3Key} did not match the file's SHA-256 ${file.sha256}`,
        'READ_BACK_MISMATCH',
      );
    } catch (error) {
      lastError = error;
    }
  }
  // Whatever is there now is not this file: remove it rather than leave a wrong download listed.
  try {
    if (!(await matches(ctx.store, s3Key, file.size, file.sha256, true))) {
      await ctx.store.deleteMany([s3Key]);
    }
  } catch {
    // the store is failing; the error below says so
  }
  throw lastError instanceof OpsError
    ? lastError
    : new OpsError(
        `upload of ${s3Key} failed after retries: ${(lastError as Error)?.message ?? lastError}. Nothing wrong was left in place; run upload again.`,
        'UPLOAD_FAILED',
        { cause: lastError },
      );
}
