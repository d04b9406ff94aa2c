/** Files the constructs read, found from the infra workspace root (works bundled or not). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findInfraRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'cdk.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`infra: no cdk.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The infra workspace. */
export const INFRA_DIR = findInfraRoot(dirname(fileURLToPath(import.meta.url)));
/** The repository root. */
export const REPO_DIR = dirname(INFRA_DIR);
/** A CloudFront Function's source file. */
export const functionFile = (name: string): string => join(INFRA_DIR, 'lib', 'functions', name);
/** The API's Lambda entry (apps/api, issue "Verified fulfilment"). */
export const API_ENTRY = join(REPO_DIR, 'apps', 'api', 'src', 'lambda.ts');
/** The landing build's CSP facts (`{ styleHashes, scriptHashes }`), written beside its source maps. */
export const SITE_CSP_FACTS = join(REPO_DIR, 'apps', 'landing', 'sourcemaps', 'dist', 'csp.json');
/** The scheduled download-window check's Lambda entry. */
export const WINDOW_CHECK_ENTRY = join(INFRA_DIR, 'lib', 'window-check', 'handler.ts');
