#!/usr/bin/env node
// The CDK CLI's "app": bundle bin/app.ts with esbuild (Node 20 cannot run TypeScript) into
// .build/ (one level below the workspace, like bin/, so relative paths hold) and run it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const infraDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(infraDir, '.build', 'app.mjs');
await build({
  entryPoints: [join(infraDir, 'bin', 'app.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, [outfile], { stdio: 'inherit', env: process.env });
process.exit(run.status ?? 1);
