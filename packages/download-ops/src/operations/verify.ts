/**
 * `verify`: every platform's object is in each window with the manifest's size and SHA-256.
 * @module
 */
import { PLATFORMS, type Platform, s3ObjectKey, uploadWindows } from '@local-memory/download-keys';
import { readManifest } from '../manifest.js';
import type { OperationContext } from './context.js';

export interface VerifyProblem {
  readonly s3Key: string;
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
      const s3Key = s3ObjectKey(ctx.secret, timeWindow, platform, ctx.prefix);
      checked++;
      const head = await ctx.store.head(s3Key);
      const problem = (p: VerifyProblem['problem'], detail: string) =>
        problems.push({ s3Key, timeWindow, platform, problem: p, detail });
      if (head === null) {
        problem('missing', `${s3Key} does not exist`);
        continue;
      }
      if (head.size !== expected.size) {
        problem('wrong-size', `${s3Key} is ${head.size} bytes, expected ${expected.size}`);
        continue;
      }
      if (head.metadata === null) {
        problem('no-checksum', `${s3Key} carries no sha256 metadata; re-upload it`);
        continue;
      }
      if (head.metadata.sha256 !== expected.sha256) {
        problem('wrong-checksum', `${s3Key} is a different build (sha256 ${head.metadata.sha256})`);
        continue;
      }
      if (options.deep) {
        const actual = await ctx.store.hashObject(s3Key);
        if (actual !== expected.sha256) {
          problem(
            'wrong-checksum',
            `${s3Key}'s bytes hash to ${actual}, expected ${expected.sha256}`,
          );
          continue;
        }
      }
      ctx.log?.(`ok        ${s3Key}`);
    }
  }
  return { ok: problems.length === 0, windows, checked, problems };
}
