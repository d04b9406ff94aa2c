#!/usr/bin/env node
// Thin entry of the license backfill (src/licensing/backfillCli.ts), which the API's Node entry
// runs as its `backfill-licenses` command; build the API first.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/node.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write(
    `${entry} is missing; build the API first: npx turbo run build --filter=@local-memory/api\n`,
  );
  process.exit(1);
}
const run = spawnSync(process.execPath, [entry, 'backfill-licenses', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (run.error) process.stderr.write(`backfill-licenses: could not start: ${run.error.message}\n`);
process.exitCode = run.status ?? 1;
