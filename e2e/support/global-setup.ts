/**
 * Once per run: build the Go reference CLI (journey 1 checks the page's key against it), write
 * the demo release the store fixture uploads, and upload it once for now. All cheap on a second run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FsStore, makeDemoRelease, upload } from '@local-memory/download-ops';
import { E2E_DIR, E2E_SECRET, REPO_DIR, STORE_DIR } from './settings';

export const GO_REFERENCE = join(
  REPO_DIR,
  'packages',
  'download-keys',
  'go',
  'bin',
  'local-memory-ref',
);
export const RELEASE_DIR = join(E2E_DIR, '.release');

export default async function globalSetup(): Promise<void> {
  execFileSync(process.execPath, [join(REPO_DIR, 'packages/download-keys/scripts/build-go.mjs')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  rmSync(STORE_DIR, { recursive: true, force: true });
  mkdirSync(STORE_DIR, { recursive: true });
  await makeDemoRelease(RELEASE_DIR);
  // Like every deployment, the store holds a release (and its release.json, which the Success
  // page reads) from the start; journeys that fake the time stock their own windows.
  await upload(
    {
      store: new FsStore(STORE_DIR),
      secret: E2E_SECRET,
      prefix: 'downloads',
      now: Math.floor(Date.now() / 1000),
    },
    { releaseDir: RELEASE_DIR },
  );
}
