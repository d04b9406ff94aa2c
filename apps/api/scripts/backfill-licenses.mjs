#!/usr/bin/env node
// Thin entry of the license backfill (src/licensing/backfillCli.ts); build the API first.
import { main } from '../dist/backfill-licenses.js';

process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
