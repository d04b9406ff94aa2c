/**
 * Once per run: build the Go reference CLI (journey 1 checks the page's key against it) and
 * write the demo release the store fixture uploads. Both are cheap on a second run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeDemoRelease } from '@local-memory/download-ops';
import { E2E_DIR, REPO_DIR, STORE_DIR } from './settings';

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
}
