#!/usr/bin/env node
// Run the Go reference's tests (vectors, vector freshness, CLI) with `go test -json`, keep the
// event stream in <repo>/reports/go-test.jsonl for the CI summary, and print a short verdict.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const goDir = join(here, '..', 'go');
const reports = join(here, '..', '..', '..', 'reports');

const run = spawnSync('go', ['test', '-json', '-count=1', './...'], {
  cwd: goDir,
  env: { ...process.env, GOPROXY: 'off', GOFLAGS: '' },
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (run.error) {
  console.error(
    `go test could not start: ${run.error.message}. Install Go with \`bash scripts/bootstrap.sh\`.`,
  );
  process.exit(1);
}
mkdirSync(reports, { recursive: true });
writeFileSync(join(reports, 'go-test.jsonl'), run.stdout);

const counts = { pass: 0, fail: 0, skip: 0 };
for (const line of run.stdout.split('\n')) {
  if (!line.startsWith('{')) continue;
  const event = JSON.parse(line);
  if (event.Test && event.Action in counts) counts[event.Action]++;
  if (
    event.Action === 'output' &&
    (event.Output.includes('FAIL') || event.Output.includes('panic:'))
  ) {
    process.stdout.write(event.Output);
  }
}
if (run.stderr) process.stderr.write(run.stderr);
console.log(`go test: ${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped`);
process.exit(run.status === 0 && counts.fail === 0 && counts.pass > 0 ? 0 : 1);
