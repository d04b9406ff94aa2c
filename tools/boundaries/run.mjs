#!/usr/bin/env node
// Run the boundary tests (boundaries.test.mjs, and errorCodes.test.mjs: the error-code casing rule) with node:test: the spec reporter on the terminal,
// and reports/node-test-boundaries.json for scripts/test-summary.mjs.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const reports = join(root, 'reports');
mkdirSync(reports, { recursive: true });
const run = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'scripts', 'node-test-reporter.mjs')}`,
    `--test-reporter-destination=${join(reports, 'node-test-boundaries.json')}`,
    join(here, 'boundaries.test.mjs'),
    join(here, 'errorCodes.test.mjs'),
  ],
  { stdio: 'inherit' },
);
if (run.error) console.error(`boundaries: node --test could not start: ${run.error.message}`);
process.exit(run.status ?? 1);
