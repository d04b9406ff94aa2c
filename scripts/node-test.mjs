#!/usr/bin/env node
// Run node:test files for a workspace whose tests are plain node:test: the spec reporter on the
// terminal, and reports/node-test-<name>.json for scripts/test-summary.mjs (which counts a listed
// report that is missing as a failure: scripts/expected-reports.txt).
//
//   node scripts/node-test.mjs <name> <file>...   (files relative to the working directory)
//
// Exits with node --test's status, 1 when it could not start, 2 on a usage error.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const scripts = dirname(fileURLToPath(import.meta.url));
const reports = join(scripts, '..', 'reports');
const [name, ...files] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name) || files.length === 0) {
  console.error(
    'usage: node scripts/node-test.mjs <name> <file>...  (name: lower-case letters, digits and -; at least one test file)',
  );
  process.exit(2);
}
mkdirSync(reports, { recursive: true });
const run = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(scripts, 'node-test-reporter.mjs')}`,
    `--test-reporter-destination=${join(reports, `node-test-${name}.json`)}`,
    ...files,
  ],
  { stdio: 'inherit' },
);
if (run.error) console.error(`${name}: node --test could not start: ${run.error.message}`);
process.exit(run.status ?? 1);
