#!/usr/bin/env node
// `tsgo`: the type checker of every workspace's `typecheck` script, TypeScript 7's native
// compiler. The repo's own `typescript` stays 5.9: tsup builds the packages' declaration files
// through the TypeScript JavaScript API, which TypeScript 7 does not offer. npm nests 7 under this
// workspace (the root holds 5.9), so this file runs the 7 it resolves from here, and refuses any
// other major version rather than check with the wrong compiler.
// Why: the 11 programs took 75 CPU-seconds to check with tsc 5.9 and about 10 with 7 (each run
// alone on a quiet 2-core machine); lint and typecheck share the CI's two cores with the suites.
//
//   tsgo -p tsconfig.json   (any tsc arguments; exits with tsc's status)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const manifest = createRequire(import.meta.url).resolve('typescript/package.json');
const { version } = JSON.parse(readFileSync(manifest, 'utf8'));
if (!version.startsWith('7.')) {
  console.error(
    `tsgo: found TypeScript ${version} at ${manifest}, not 7: run \`npm ci\` at the repository root.`,
  );
  process.exit(1);
}
const tsc = join(dirname(manifest), 'bin', 'tsc');
const run = spawnSync(process.execPath, [tsc, ...process.argv.slice(2)], { stdio: 'inherit' });
if (run.error) console.error(`tsgo: could not start ${tsc}: ${run.error.message}`);
process.exit(run.status ?? 1);
