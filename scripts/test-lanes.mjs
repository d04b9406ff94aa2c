#!/usr/bin/env node
// `npm test` after the root lint: every workspace's `test`, three at a time. First
// `turbo run build lint typecheck` (what every test depends on), so no two suites ever build the
// same output at the same time; then three lanes take the workspaces' test suites from one queue,
// longest first (each with `turbo run test --only --filter=<workspace>`, so no dependency runs
// again). A lane that finishes a suite takes the next one, so the lanes end close together
// whatever the mix: the longest-processing-time-first rule, at most 4/3 of the best possible end.
// Three lanes on two cores, because the suites also wait (browsers, servers, child processes):
// two lanes kept the cores 65% busy; three ended 54 s sooner on a quiet 2-core machine (lanes of
// 411–420 s against 474 s, same clone), and `.ci/run` stays green beside two CPU hogs.
//
// Why two suites cannot collide (read from the code, not measured):
// - Fixed ports: only e2e listens on fixed ports (E2E_PORT, default 4180, and the next three:
//   e2e/support/settings.ts), and there is one e2e suite. Every other suite listens on port 0 or
//   on a freePort() of apps/landing/scripts/preview-server.mjs (port 0, then reused), which the
//   kernel takes from the ephemeral range (32768–60999 on Linux), never 4180–4183.
// - Build folders: each site build has its own folder and source-map folder: e2e's under
//   e2e/.sites/<name>, Lighthouse's apps/landing/dist-lighthouse-<name>, infra's
//   dist-infra-release-test, the landing's server-mode test a temporary directory, the prerender
//   step's SSR bundle node_modules/.prerender-<pid>. Servers and stores (dynalite, s3rver, the
//   mailbox, the Stripe stand-in) keep their data in temporary directories of their own.
// - Go: only download-keys runs `go test`; the Go build cache is safe to share.
// - Reports: each suite writes its own file under reports/ (scripts/expected-reports.txt).
// The machine's load still slows each suite; no test has a timing threshold.
//
// Writes reports/timings/test-lanes.json (wall time of the preparation, of every suite with its
// lane, and of each lane, for `npm run bench`). Exits 1 when any stage failed (every suite still
// runs), 2 on a usage error.
//
//   node scripts/test-lanes.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const turboBin = join(root, 'node_modules', '.bin', 'turbo');

/**
 * How many suites run at once: three on the 2-core CI machine by default (see the top of this
 * file); `TEST_LANES` sets another count (to compare, or on a bigger machine).
 */
// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by this script, outside any turbo task
export const LANES = lanesFrom(process.env.TEST_LANES);

/**
 * The lane count `TEST_LANES` asks for: 3 when unset, else a whole number from 1 to 8.
 * @throws {Error} naming TEST_LANES when it is anything else
 */
export function lanesFrom(value) {
  if (value === undefined || value === '') return 3;
  const lanes = Number(value);
  if (!Number.isInteger(lanes) || lanes < 1 || lanes > 8)
    throw new Error(`TEST_LANES must be a whole number from 1 to 8, not ${JSON.stringify(value)}`);
  return lanes;
}

/**
 * The expected wall time of the heavy suites, in seconds, from the clean `.ci/run` of a50c744 on
 * a quiet 2-core machine (turbo's task times, two lanes). Only their order matters: the queue
 * starts with the longest. A suite not listed counts as short and runs after these, by name.
 */
export const EXPECTED_SECONDS = {
  '@local-memory/infra': 311,
  '@local-memory/e2e': 310,
  '@local-memory/landing': 130,
  '@local-memory/api': 125,
  '@local-memory/download-ops': 97,
  '@local-memory/download-keys': 35,
  '@local-memory/boundaries': 11,
};

/** turbo's arguments: the preparation, and one workspace's tests. */
export const STAGES = {
  prepare: ['run', 'build', 'lint', 'typecheck', '--continue', '--summarize'],
  suite: (workspace) => [
    'run',
    'test',
    '--only',
    `--filter=${workspace}`,
    '--continue',
    '--summarize',
  ],
};

/**
 * The workspaces with a `test` task, longest expected first.
 * @param {string[]} workspaces
 */
export function queueOrder(workspaces) {
  const expected = (w) => EXPECTED_SECONDS[w] ?? 0;
  return [...workspaces].sort((a, b) => expected(b) - expected(a) || a.localeCompare(b));
}

/**
 * Run the preparation, then every workspace's tests from one queue in {@link LANES} lanes; each
 * line of a suite's output is prefixed with its workspace's short name.
 * @param {{ workspaces?: () => string[], run?: (name: string, args: string[]) => Promise<number>, now?: () => number, write?: (timings: object) => void, lanes?: number }} [io]
 *   `workspaces` lists the test workspaces, `run` returns a command's exit code (the tests pass
 *   fakes), `lanes` the lane count ({@link LANES} by default)
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
  // The suites run even after a failed preparation (as `turbo --continue` would run the tests).
  const queue = queueOrder((io.workspaces ?? testWorkspaces)());
  const suites = [];
  const lane = async (number) => {
    for (let workspace = queue.shift(); workspace; workspace = queue.shift()) {
      const from = now();
      const exit = await run(shortName(workspace), STAGES.suite(workspace));
      suites.push({ stage: `${shortName(workspace)}#test`, lane: number, ms: now() - from, exit });
    }
    return { stage: `lane ${number}`, ms: now() - prepared, exit: 0 };
  };
  const lanes = await Promise.all(Array.from({ length: io.lanes ?? LANES }, (_, i) => lane(i + 1)));
  stages.push(...suites, ...lanes);
  const finished = now();
  write({ startedAt: started, totalMs: finished - started, stages });
  const failed = stages.filter((s) => s.exit !== 0);
  for (const s of failed) process.stderr.write(`test-lanes: ${s.stage} exited ${s.exit}\n`);
  return failed.length === 0 ? 0 : 1;
}

const shortName = (workspace) => workspace.replace(/^@local-memory\//, '');

/** The workspaces turbo would run `test` in (from a dry run, so turbo's own view). */
export function testWorkspaces() {
  const dry = spawnSync(turboBin, ['run', 'test', '--only', '--dry=json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (dry.status !== 0) throw new Error(`turbo --dry=json failed: ${dry.stderr}`);
  return JSON.parse(dry.stdout)
    .tasks.filter((t) => t.task === 'test')
    .map((t) => t.package);
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
