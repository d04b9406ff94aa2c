#!/usr/bin/env node
// Run the repo's own script tests (scripts/*.test.mjs) with node:test: the spec reporter on the
// terminal, and reports/node-test-scripts.json for scripts/test-summary.mjs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const scriptsDir = join(root, 'scripts');
const reports = join(root, 'reports');

const files = readdirSync(scriptsDir)
  .filter((f) => f.endsWith('.test.mjs'))
  .sort()
  .map((f) => join(scriptsDir, f));
if (files.length === 0) {
  console.error(`scripts-tests: no *.test.mjs under ${scriptsDir}; nothing would be tested.`);
  process.exit(1);
}
mkdirSync(reports, { recursive: true });
const run = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(scriptsDir, 'node-test-reporter.mjs')}`,
    `--test-reporter-destination=${join(reports, 'node-test-scripts.json')}`,
    ...files,
  ],
  { stdio: 'inherit' },
);
if (run.error) console.error(`scripts-tests: node --test could not start: ${run.error.message}`);
process.exit(run.status ?? 1);
