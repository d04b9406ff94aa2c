#!/usr/bin/env node
// `npm test` after the root lint: first `turbo run build` (what every suite depends on, so no two
// suites ever build the same output at the same time); then three lanes take jobs from one queue:
// every workspace's test suite (each with `turbo run test --only --filter=<workspace>`, so no
// dependency runs again) and one job that lints and typechecks every workspace (`turbo run lint
// typecheck --only`, which no suite needs). Longest first: a lane that finishes a job takes the
// next, so the lanes end close together whatever the mix (the longest-processing-time-first rule,
// at most 4/3 of the best possible end). Lint and typecheck used to run before the suites, 85 s on
// both cores before the longest suite (e2e) could start; in the queue they run beside it. With
// them there, a quiet `.ci/run` kept both cores 1.88 busy on average: its length is its CPU work.
// Three lanes on two cores, because the suites also wait (browsers, servers, child processes):
// two lanes kept the cores 65% busy; three ended 54 s sooner on a quiet 2-core machine (lanes of
// 411–420 s against 474 s, same clone), and `.ci/run` stays green beside two CPU hogs.
//
// Why two jobs cannot collide (read from the code, not measured):
// - Fixed ports: only e2e listens on fixed ports (E2E_PORT, default 4180, and the next three:
//   e2e/support/settings.ts), and there is one e2e suite. Every other suite listens on port 0 or
//   on a freePort() of apps/landing/scripts/preview-server.mjs (port 0, then reused), which the
//   kernel takes from the ephemeral range (32768–60999 on Linux), never 4180–4183.
// - Build folders: each site build has its own folder and source-map folder: e2e's under
//   e2e/.sites/<name>, Lighthouse's apps/landing/dist-lighthouse-<name>, infra's
//   dist-infra-release-test, the landing's server-mode test a temporary directory, the prerender
//   step's SSR bundle node_modules/.prerender-<pid>. Servers and stores (dynalite, s3rver, the
//   mailbox, the Stripe stand-in) keep their data in temporary directories of their own. Lint and
//   typecheck write nothing (biome checks; tsgo, TypeScript 7, has noEmit).
// - Go: only download-keys runs `go test`; the Go build cache is safe to share.
// - Reports: each suite writes its own file under reports/ (scripts/expected-reports.txt).
// The machine's load still slows each job; no test has a timing threshold.
//
// Writes reports/timings/test-lanes.json (wall time of the build, of every job with its lane, and
// of each lane, for `npm run bench`). Exits 1 when any stage failed (every job still runs), 2 on a
// usage error.
//
//   node scripts/test-lanes.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const turboBin = join(root, 'node_modules', '.bin', 'turbo');

/**
 * How many jobs run at once: three on the 2-core CI machine by default (see the top of this
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

/** The queue's job that lints and typechecks every workspace. */
export const CHECKS = 'lint, typecheck';

/**
 * The expected wall time of the heavy jobs, in seconds: each run alone (`turbo run test --only`,
 * or the checks) on a quiet 2-core machine after a build, at 20fd16d (e2e, infra and the checks
 * again after Chromium's omnibox popup went and tsgo came, dcb9e1c). Alone, because beside other
 * jobs a job's time says more about its neighbours than about it. Only their order matters: the
 * queue starts with the longest. A job not listed counts as short and runs after these, by name.
 */
export const EXPECTED_SECONDS = {
  '@local-memory/e2e': 160,
  '@local-memory/landing': 111,
  '@local-memory/download-ops': 101,
  '@local-memory/api': 60,
  '@local-memory/infra': 48,
  '@local-memory/download-keys': 37,
  [CHECKS]: 15,
  '@local-memory/boundaries': 8,
};

/** Where the run's temporary files go when {@link tmpfsFor} allows it. */
export const TMPFS = '/dev/shm';

/** The space {@link TMPFS} must have free: the suites' temporary files peaked at 134 MiB. */
export const TMPFS_MIN_FREE_BYTES = 2 * 1024 ** 3;

/**
 * Whether the run's temporary files (every suite's os.tmpdir(): s3rver's objects, synthesised
 * CDK apps, builds, browser profiles) can go to a folder of their own on {@link TMPFS}: when
 * TMPDIR is unset, and that is a tmpfs mounted without noexec (`go test` runs its binaries from
 * there) with {@link TMPFS_MIN_FREE_BYTES} free. Creating and deleting files there costs the kernel
 * far less than on a disk: s3rver's store wrote 1,500 objects with 0.3 s of system time on
 * /dev/shm against 2.4-9.8 s on the 2-core test machine's ext4 (mounted with discard).
 * @param {{ env: Record<string, string | undefined>, mounts: string, freeBytes: () => number }} machine
 *   `mounts` is /proc/mounts; `freeBytes` the space free on {@link TMPFS}
 * @returns {{ use: boolean, why: string }}
 */
export function tmpfsFor({ env, mounts, freeBytes }) {
  if (env.TMPDIR) return { use: false, why: `TMPDIR is set (${env.TMPDIR})` };
  const entry = mounts
    .split('\n')
    .map((line) => line.split(' '))
    .findLast((fields) => fields[1] === TMPFS);
  if (!entry) return { use: false, why: `${TMPFS} is not mounted` };
  const [, , type, options = ''] = entry;
  if (type !== 'tmpfs') return { use: false, why: `${TMPFS} is ${type}, not tmpfs` };
  if (options.split(',').includes('noexec'))
    return { use: false, why: `${TMPFS} is mounted noexec` };
  const free = freeBytes();
  if (free < TMPFS_MIN_FREE_BYTES)
    return { use: false, why: `${TMPFS} has ${(free / 1024 ** 2).toFixed(0)} MiB free` };
  return { use: true, why: `${TMPFS} is a tmpfs with ${(free / 1024 ** 3).toFixed(1)} GiB free` };
}

/** {@link tmpfsFor} on this machine. */
function thisMachine() {
  let mounts = '';
  try {
    mounts = readFileSync('/proc/mounts', 'utf8');
  } catch {
    // Not Linux: no /proc/mounts, no tmpfs to use.
  }
  return {
    env: process.env,
    mounts,
    freeBytes: () => {
      const fs = statfsSync(TMPFS);
      return fs.bavail * fs.bsize;
    },
  };
}

/** turbo's arguments: the build, the lint and typecheck job, and one workspace's tests. */
export const STAGES = {
  build: ['run', 'build', '--continue', '--summarize'],
  // --only: the build ran first; without it turbo would replay the build's outputs from its cache
  // into dist/ folders that the suites in the other lanes are reading.
  checks: ['run', 'lint', 'typecheck', '--only', '--continue', '--summarize'],
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
 * The jobs (workspaces with a `test` task, and {@link CHECKS}), longest expected first.
 * @param {string[]} workspaces
 */
export function queueOrder(workspaces) {
  const expected = (w) => EXPECTED_SECONDS[w] ?? 0;
  return [...workspaces].sort((a, b) => expected(b) - expected(a) || a.localeCompare(b));
}

/**
 * Run the build, then every workspace's tests and the lint and typecheck job from one queue in
 * {@link LANES} lanes; each line of a job's output is prefixed with its short name.
 * @param {{ workspaces?: () => string[], run?: (name: string, args: string[]) => Promise<number>, now?: () => number, write?: (timings: object) => void, lanes?: number, tmpdir?: () => () => void }} [io]
 *   `workspaces` lists the test workspaces, `run` returns a command's exit code (the tests pass
 *   fakes), `lanes` the lane count ({@link LANES} by default), `tmpdir` chooses the temporary
 *   folder before the build and returns what removes it after the last job
 * @returns {Promise<number>} 0 when every stage passed, else 1
 */
export async function main(io = {}) {
  const run = io.run ?? runTurbo;
  const now = io.now ?? Date.now;
  const write = io.write ?? writeTimings;
  const tmp = io.tmpdir ?? runTmpdir;
  const started = now();
  const removeTmpdir = tmp();
  const buildExit = await run('build', STAGES.build);
  const built = now();
  const stages = [{ stage: 'build', ms: built - started, exit: buildExit }];
  // The jobs run even after a failed build (as `turbo --continue` would run the tests).
  const queue = queueOrder([...(io.workspaces ?? testWorkspaces)(), CHECKS]);
  const jobs = [];
  const lane = async (number) => {
    for (let key = queue.shift(); key; key = queue.shift()) {
      const { name, stage, args } = job(key);
      const from = now();
      const exit = await run(name, args);
      jobs.push({ stage, lane: number, ms: now() - from, exit });
    }
    return { stage: `lane ${number}`, ms: now() - built, exit: 0 };
  };
  const lanes = await Promise.all(Array.from({ length: io.lanes ?? LANES }, (_, i) => lane(i + 1)));
  stages.push(...jobs, ...lanes);
  const finished = now();
  removeTmpdir();
  write({ startedAt: started, totalMs: finished - started, stages });
  const failed = stages.filter((s) => s.exit !== 0);
  for (const s of failed) process.stderr.write(`test-lanes: ${s.stage} exited ${s.exit}\n`);
  return failed.length === 0 ? 0 : 1;
}

const shortName = (workspace) => workspace.replace(/^@local-memory\//, '');

/** A queue entry's output prefix, its stage in the timings, and turbo's arguments. */
function job(key) {
  if (key === CHECKS) return { name: 'checks', stage: CHECKS, args: STAGES.checks };
  const name = shortName(key);
  return { name, stage: `${name}#test`, args: STAGES.suite(key) };
}

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

/**
 * Point TMPDIR (which runTurbo's children inherit) at a new folder on {@link TMPFS} when
 * {@link tmpfsFor} allows it, and say where the temporary files go.
 * @returns {() => void} removes that folder (also when the run is interrupted)
 */
function runTmpdir() {
  const chosen = tmpfsFor(thisMachine());
  if (!chosen.use) {
    process.stdout.write(`test-lanes: temporary files in the default folder: ${chosen.why}\n`);
    return () => undefined;
  }
  const dir = mkdtempSync(join(TMPFS, 'local-memory-test-'));
  process.env.TMPDIR = dir;
  process.stdout.write(`test-lanes: temporary files in ${dir} (${chosen.why})\n`);
  const remove = () => rmSync(dir, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => {
      remove();
      process.exit(128 + constants.signals[signal]);
    });
  return remove;
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
