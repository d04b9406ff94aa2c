/**
 * Once per run: build the Go reference CLI (journey 1 checks the page's key against it), write
 * the demo release the store fixture uploads, and upload it once for now. All cheap on a second run.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { makeDemoRelease } from '@local-memory/download-ops';
import { DownloadStore } from '../fixtures/store';
import { RELEASE_DIR, REPO_DIR } from './settings';

export const GO_REFERENCE = join(
  REPO_DIR,
  'packages',
  'download-keys',
  'go',
  'bin',
  'local-memory-ref',
);

export default async function globalSetup(): Promise<void> {
  execFileSync(process.execPath, [join(REPO_DIR, 'packages/download-keys/scripts/build-go.mjs')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await makeDemoRelease(RELEASE_DIR);
  // Like every deployment, the store holds a release (and its release.json, which the Success
  // page reads) from the start; journeys that fake the time stock their own windows.
  await new DownloadStore().reset();
}
