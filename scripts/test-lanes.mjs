#!/usr/bin/env node
// `npm test` after the root lint: every workspace's `test` in two lanes at once instead of one
// after another. First `turbo run build lint typecheck` (what every test depends on), so the two
// lanes never build the same output at the same time; then, concurrently, with `--only` (no
// dependency runs again):
//
//   browser  the e2e journeys (Playwright, Chromium, their preview servers)
//   rest     every other workspace's tests, one at a time, as before
//
// Why the lanes cannot collide (read from the code, not measured):
// - Fixed ports: only e2e listens on fixed ports (E2E_PORT, default 4180, and the next three:
//   e2e/support/settings.ts). Every other suite listens on port 0 or on a freePort() of
//   apps/landing/scripts/preview-server.mjs (port 0, then reused), which the kernel takes from
//   the ephemeral range (32768–60999 on Linux), never 4180–4183.
// - Build folders: each site build has its own folder and source-map folder: e2e's under
//   e2e/.sites/<name>, Lighthouse's apps/landing/dist-lighthouse-<name>, infra's
//   dist-infra-release-test, the prerender step's SSR bundle node_modules/.prerender-<pid>.
// - Reports: each suite writes its own file under reports/ (scripts/expected-reports.txt).
// The machine's load still slows each lane; no test has a timing threshold.
//
// Writes reports/timings/test-lanes.json (wall time of the preparation and of each lane, for
// `npm run bench`). Exits 1 when any stage failed (both lanes always finish), 2 on a usage error.
//
//   node scripts/test-lanes.mjs
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const turboBin = join(root, 'node_modules', '.bin', 'turbo');

/** The workspace whose tests get a lane of their own. */
export const BROWSER_LANE_WORKSPACE = '@local-memory/e2e';

/** turbo's arguments: the preparation, then the two lanes (run concurrently). */
export const STAGES = {
  prepare: ['run', 'build', 'lint', 'typecheck', '--continue', '--summarize'],
  lanes: {
    browser: [
      'run',
      'test',
      '--only',
      `--filter=${BROWSER_LANE_WORKSPACE}`,
      '--continue',
      '--summarize',
    ],
    rest: [
      'run',
      'test',
      '--only',
      `--filter=!${BROWSER_LANE_WORKSPACE}`,
      '--concurrency=1',
      '--continue',
      '--summarize',
    ],
  },
};

/**
 * Run the preparation, then both lanes at once; each line of a lane's output is prefixed with the
 * lane's name.
 * @param {{ run?: (name: string, args: string[]) => Promise<number>, now?: () => number, write?: (timings: object) => void }} [io]
 *   `run` returns a command's exit code (the tests pass a fake)
 * @returns {Promise<number>} 0 when every stage passed, else 1
 */
export async function main(io = {}) {
  const run = io.run ?? runTurbo;
  const now = io.now ?? Date.now;
  const write = io.write ?? writeTimings;
  const started = now();
  const prepareExit = await run('prepare', STAGES.prepare);
  const prepared = now();
  const stages = [{ stage: 'build, lint, typecheck', ms: prepared - started, exit: prepareExit }];
  // The lanes run even after a failed preparation (as `turbo --continue` would run the tests).
  const lanes = await Promise.all(
    Object.entries(STAGES.lanes).map(async ([name, args]) => {
      const exit = await run(name, args);
      return { stage: `${name} lane`, ms: now() - prepared, exit };
    }),
  );
  stages.push(...lanes);
  const finished = now();
  write({ startedAt: started, totalMs: finished - started, stages });
  const failed = stages.filter((s) => s.exit !== 0);
  for (const s of failed) process.stderr.write(`test-lanes: ${s.stage} exited ${s.exit}\n`);
  return failed.length === 0 ? 0 : 1;
}

function runTurbo(name, args) {
  return new Promise((resolve) => {
    const child = spawn(turboBin, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
    });
    const prefix = (stream, out) => {
      let partial = '';
      stream.on('data', (chunk) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) out.write(`[${name}] ${line}\n`);
      });
      stream.on('end', () => {
        if (partial) out.write(`[${name}] ${partial}\n`);
      });
    };
    prefix(child.stdout, process.stdout);
    prefix(child.stderr, process.stderr);
    child.once('error', (error) => {
      process.stderr.write(`[${name}] could not start turbo: ${error.message}\n`);
      resolve(1);
    });
    child.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function writeTimings(timings) {
  const dir = join(root, 'reports', 'timings');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'test-lanes.json'), `${JSON.stringify(timings, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.length > 2) {
    process.stderr.write('usage: node scripts/test-lanes.mjs (no arguments)\n');
    process.exit(2);
  }
  process.exit(await main());
}
