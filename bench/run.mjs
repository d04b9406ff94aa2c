#!/usr/bin/env node
// `npm run bench`: every speed figure of the project in one table, each beside its target with
// ✓ or ✗, and the machine's load so a reader can judge them. Speed is measured here, never
// enforced in `npm test` (a loaded CI would turn red for reasons no change caused), so this exits
// 0 whatever the figures say; it exits 1 only when it could measure nothing at all, and 2 on a
// usage error.
//
//   Lighthouse   mobile, median of --runs (5) per page, every page in both modes: performance,
//                LCP, FCP, TBT, CLS, bytes (apps/landing/scripts/lighthouse-measure.mjs, the
//                same measuring the test's Lighthouse checks use)
//   keys         ns per license key and per download hash: the library, node:crypto and the Go
//                reference (packages/download-keys/bench/run.mjs and its JSON)
//   lease        µs per lease verification: the library's verifyLease of ./node (node:crypto, what
//                the API and the CLI use) and of ./lease (isomorphic, what browsers use),
//                node:crypto and the Go reference (packages/download-keys/bench/lease.mjs and its
//                JSON)
//   API          latency the API adds (cache off and on) and its RSS (apps/api/scripts/load.mjs)
//   CI           wall time per stage of the last `bash .ci/run` (reports/timings/) or `npm test`
//                (its preparation and lanes, scripts/test-lanes.mjs)
//
//   node bench/run.mjs [--runs N] [--api-seconds S] [--only lighthouse,keys,api,ci] [--json]
// Writes bench/results/<time>.json and bench/results/latest.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { TARGETS } from './targets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'bench', 'results');
const SECTIONS = ['lighthouse', 'keys', 'api', 'ci'];
const USAGE =
  'usage: node bench/run.mjs [--runs N] [--api-seconds S] [--only lighthouse,keys,api,ci] [--json]';

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'api-seconds': { type: 'string', default: '10' },
      only: { type: 'string', default: SECTIONS.join(',') },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n${USAGE}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const runs = Number(options.runs);
const apiSeconds = Number(options['api-seconds']);
const only = options.only.split(',').map((s) => s.trim());
const usage = [
  !Number.isInteger(runs) || runs < 1
    ? `--runs must be a whole number ≥ 1, got ${options.runs}`
    : '',
  !Number.isInteger(apiSeconds) || apiSeconds < 1
    ? `--api-seconds must be a whole number ≥ 1, got ${options['api-seconds']}`
    : '',
  ...only.filter((s) => !SECTIONS.includes(s)).map((s) => `--only: no section "${s}"`),
].filter(Boolean);
if (usage.length > 0) {
  process.stderr.write(`bench: ${usage.join('; ')}\n${USAGE}\n`);
  process.exit(2);
}

// Progress goes to stderr so `--json` leaves stdout to the JSON.
const progress = (line) => process.stderr.write(`bench: ${line}\n`);
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);

/** One row of the table. `ok` is null when there is no target or nothing was measured. */
const rows = [];
function row(area, figure, value, unit, target) {
  const measured = typeof value === 'number' && Number.isFinite(value);
  const ok = !measured || target === undefined ? null : target.ok(value);
  rows.push({
    area,
    figure,
    value: measured ? value : null,
    unit,
    target: target?.text ?? '—',
    ok,
  });
}
function notMeasured(area, why) {
  rows.push({ area, figure: 'not measured', value: null, unit: '', target: '—', ok: null, why });
}

/** Run a node script from the repository root; its output is returned, its stderr shown on failure. */
function node(script, args = [], env = {}) {
  const run = spawnSync(process.execPath, [join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0)
    throw new Error(`${script} exited ${run.status ?? run.signal}:\n${run.stderr || run.stdout}`);
  return run.stdout;
}

const machine = {
  cores: cpus().length,
  node: process.version,
  loadBefore: loadAverage(),
  loadAfter: null,
  benchmarkIndex: null,
};

progress('building the workspaces the bench needs (turbo, cached when nothing changed)');
const build = spawnSync(
  join(root, 'node_modules', '.bin', 'turbo'),
  ['run', 'build', '--filter=@local-memory/landing...', '--output-logs=errors-only'],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);
if (build.status !== 0) {
  process.stderr.write('bench: the build failed, so nothing can be measured\n');
  process.exit(1);
}

const detail = {};

if (only.includes('lighthouse')) {
  try {
    const { ALL_PAGES, measureSites, median } = await import(
      pathToFileURL(join(root, 'apps', 'landing', 'scripts', 'lighthouse-measure.mjs')).href
    );
    const pages = await measureSites({ runs, pages: ALL_PAGES, progress });
    detail.lighthouse = pages.map(({ site, page, median: m, runs: all }) => ({
      site,
      page,
      median: m,
      runs: all.map(({ failing, ...figures }) => figures),
    }));
    machine.benchmarkIndex = median(pages.flatMap((p) => p.runs.map((r) => r.benchmarkIndex)));
    for (const { site, page, median: m, target } of pages) {
      const area = `Lighthouse ${site} ${page.split('?')[0]}`;
      row(area, 'performance', m.performance, '', TARGETS.performance);
      row(area, 'LCP', m.largestContentfulPaintMs, 'ms', TARGETS.largestContentfulPaintMs);
      row(area, 'FCP', m.firstContentfulPaintMs, 'ms');
      row(area, 'TBT', m.totalBlockingTimeMs, 'ms', TARGETS.totalBlockingTimeMs);
      row(area, 'CLS', m.cls, '', TARGETS.cls);
      row(area, 'bytes', m.bytes, 'B', TARGETS.bytes(target.maxBytes));
    }
  } catch (error) {
    notMeasured('Lighthouse', error.message);
  }
}

if (only.includes('keys')) {
  try {
    progress('packages/download-keys/bench (the library, node:crypto, crypto-js and Go)');
    node('packages/download-keys/bench/run.mjs');
    const keys = JSON.parse(readFileSync(join(root, 'reports', 'bench-download-keys.txt'), 'utf8'));
    detail.keys = keys;
    const find = (pattern) => keys.rows.find(([name]) => pattern.test(name));
    const library = find(/download-keys/);
    const nodeCrypto = find(/node:crypto/);
    const go = find(/^Go /);
    row('keys', 'library ns/key', library?.[1], 'ns');
    row('keys', 'library ÷ Go, per key', library?.[1] / go?.[1], '×', TARGETS.keysVsGo);
    row('keys', 'library ÷ Go, per hash', library?.[2] / go?.[2], '×', TARGETS.keysVsGo);
    row('keys', 'library ÷ node:crypto, per key', library?.[1] / nodeCrypto?.[1], '×');
    row('keys', 'browser bundle, gzip', keys.size?.gzip, 'B', TARGETS.keysBundle);
  } catch (error) {
    notMeasured('keys', error.message);
  }
  try {
    progress('packages/download-keys/bench/lease.mjs (both verifyLease, node:crypto and Go)');
    node('packages/download-keys/bench/lease.mjs');
    const lease = JSON.parse(
      readFileSync(join(root, 'reports', 'bench-lease-download-keys.txt'), 'utf8'),
    );
    detail.lease = lease;
    const find = (pattern) => lease.rows.find(([name]) => pattern.test(name))?.[1];
    const onNode = find(/^verifyLease \.\/node/);
    const isomorphic = find(/^verifyLease \.\/lease \(/);
    const go = find(/^Go /);
    row('lease', 'verifyLease ./node (node:crypto; API, CLI)', onNode, 'µs', TARGETS.leaseMicros);
    row(
      'lease',
      'verifyLease ./lease (isomorphic; browsers)',
      isomorphic,
      'µs',
      TARGETS.leaseMicros,
    );
    row('lease', './lease, first lease of a key (once per key)', find(/first lease/), 'µs');
    row('lease', 'Go lease.Verify per lease', go, 'µs', TARGETS.leaseMicros);
    row('lease', 'verifyLease ./node ÷ Go', onNode / go, '×');
    row('lease', 'verifyLease ./lease ÷ Go', isomorphic / go, '×');
    row(
      'lease',
      'verifyLease ./lease ÷ node:crypto verify',
      isomorphic / find(/^node:crypto/),
      '×',
    );
  } catch (error) {
    notMeasured('lease', error.message);
  }
}

if (only.includes('api')) {
  try {
    progress(`apps/api/scripts/load.mjs (${apiSeconds} s per run, three runs)`);
    const lines = node('apps/api/scripts/load.mjs', [], { DURATION: String(apiSeconds) })
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    const summary = lines.find((l) => 'addedByApiUncachedP50Ms' in l);
    if (!summary) throw new Error('load.mjs printed no summary line');
    detail.api = { runs: lines.filter((l) => 'run' in l), summary, seconds: apiSeconds };
    row(
      'API',
      'added p50, cache off',
      summary.addedByApiUncachedP50Ms,
      'ms',
      TARGETS.apiAddedP50Ms,
    );
    row(
      'API',
      'added p99, cache off',
      summary.addedByApiUncachedP99Ms,
      'ms',
      TARGETS.apiAddedP99Ms,
    );
    row('API', 'p99, default cache', summary.cachedP99Ms, 'ms', TARGETS.apiCachedP99Ms);
    row('API', 'errors', summary.errors, '', TARGETS.zero);
    row('API', 'RSS after cache-off run', summary.apiRssMiBAfterUncached, 'MiB', TARGETS.rssMiB);
    row('API', 'RSS after cached run', summary.apiRssMiBAfterCached, 'MiB', TARGETS.rssMiB);
  } catch (error) {
    notMeasured('API', error.message);
  }
}

if (only.includes('ci')) {
  try {
    const ci = lastCiRun();
    detail.ci = ci;
    for (const stage of ci.stages) row(`CI ${ci.source}`, stage.stage, stage.ms / 1000, 's');
    row(`CI ${ci.source}`, 'wall time in all', ci.totalMs / 1000, 's', TARGETS.ciSeconds);
    // The whole machine's CPU time over the run: near cores × wall time, the run was bound by
    // the cores (less work, not more lanes, makes it shorter); well under it, by waiting.
    if (ci.machineCpuSeconds != null) {
      row(`CI ${ci.source}`, 'CPU time, whole machine', ci.machineCpuSeconds, 's');
      row(`CI ${ci.source}`, 'cores busy, average', ci.machineCpuSeconds / (ci.totalMs / 1000), '');
    }
  } catch (error) {
    notMeasured('CI', error.message);
  }
}

/**
 * The last test run's wall time per stage: `.ci/run`'s record under reports/timings/ when there
 * is one, else the newest turbo run summary of `turbo run test` under .turbo/runs/.
 */
function lastCiRun() {
  const timings = join(root, 'reports', 'timings');
  const recorded = join(timings, 'ci-stages.json');
  const lanesFile = join(timings, 'test-lanes.json');
  if (existsSync(lanesFile))
    return lanesRun(
      JSON.parse(readFileSync(lanesFile, 'utf8')),
      existsSync(recorded) ? JSON.parse(readFileSync(recorded, 'utf8')) : null,
    );
  let turbo = join(timings, 'turbo-run.json');
  let ci = null;
  if (existsSync(recorded)) ci = JSON.parse(readFileSync(recorded, 'utf8'));
  if (!existsSync(turbo)) {
    const runsDir = join(root, '.turbo', 'runs');
    const summaries = existsSync(runsDir)
      ? readdirSync(runsDir)
          .filter((f) => f.endsWith('.json'))
          .map((f) => join(runsDir, f))
          .filter((f) => /run test\b/.test(JSON.parse(readFileSync(f, 'utf8')).execution?.command))
          .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
      : [];
    if (summaries.length === 0)
      throw new Error('no test run recorded: run `bash .ci/run` (or `npm test`) first');
    turbo = summaries[0];
    ci = null; // an `npm test` newer than the last .ci/run: its own figures only
  }
  const summary = JSON.parse(readFileSync(turbo, 'utf8'));
  const { tasks, heavy } = taskTimings(summary.tasks);
  const other = tasks.filter((t) => !t.stage.endsWith('#test'));
  const wall = summary.execution.endTime - summary.execution.startTime;
  const stages = [
    ...(ci ? ci.stages.filter((s) => s.stage === 'bootstrap') : []),
    ...heavy,
    { stage: `builds, lint, typecheck (${other.length} tasks, summed)`, ms: sum(other) },
    { stage: 'turbo run test, wall', ms: wall },
  ];
  return {
    source: ci ? '(.ci/run)' : `(${summary.execution.command})`,
    when: new Date(summary.execution.startTime).toISOString(),
    cores: ci?.cores ?? null,
    loadAverage: ci?.loadAverage ?? null,
    machineCpuSeconds: ci?.machineCpuSeconds ?? null,
    stages,
    totalMs: ci ? ci.totalMs : wall,
    tasks,
  };
}

/**
 * The timed tasks of turbo run summaries, and their test tasks, longest first.
 * @param {any[]} summaryTasks - the `tasks` of one or more `.turbo/runs/*.json`
 */
function taskTimings(summaryTasks) {
  const tasks = summaryTasks
    .filter((t) => t.execution?.startTime && t.execution?.endTime)
    .map((t) => ({
      stage: t.taskId.replace('@local-memory/', ''),
      ms: t.execution.endTime - t.execution.startTime,
      cache: t.cache?.status,
      exitCode: t.execution.exitCode,
    }));
  const heavy = tasks
    .filter((t) => t.stage.endsWith('#test'))
    .sort((a, b) => b.ms - a.ms)
    .map((t) => ({ stage: t.stage, ms: t.ms }));
  return { tasks, heavy };
}

/**
 * The last `npm test` run in lanes (scripts/test-lanes.mjs): wall time of its build, of each job
 * (with its lane), longest first, and of each lane; turbo's own task timings (.turbo/runs, newer
 * than it) go to the JSON detail only, since each job is one turbo run of the same length.
 */
function lanesRun(lanes, ci) {
  const runsDir = join(root, '.turbo', 'runs');
  const summaries = existsSync(runsDir)
    ? readdirSync(runsDir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => JSON.parse(readFileSync(join(runsDir, f), 'utf8')))
        .filter((summary) => summary.execution?.startTime >= lanes.startedAt)
    : [];
  const { tasks } = taskTimings(summaries.flatMap((summary) => summary.tasks));
  const jobs = lanes.stages
    .filter((s) => s.lane !== undefined)
    .sort((a, b) => b.ms - a.ms)
    .map((s) => ({ stage: `${s.stage} (lane ${s.lane})`, ms: s.ms }));
  const others = lanes.stages
    .filter((s) => s.lane === undefined)
    .map((s) => ({ stage: s.stage, ms: s.ms }));
  return {
    source: '(npm test, lanes)',
    when: new Date(lanes.startedAt).toISOString(),
    cores: ci?.cores ?? null,
    loadAverage: ci?.loadAverage ?? null,
    machineCpuSeconds: ci?.machineCpuSeconds ?? null,
    stages: [
      ...(ci ? ci.stages.filter((s) => s.stage === 'bootstrap') : []),
      ...others.filter((s) => s.stage === 'build'),
      ...jobs,
      ...others.filter((s) => s.stage !== 'build'),
      { stage: 'npm test lanes, wall', ms: lanes.totalMs },
    ],
    totalMs: ci ? ci.totalMs : lanes.totalMs,
    tasks,
  };
}

function sum(tasks) {
  return tasks.reduce((total, t) => total + t.ms, 0);
}

machine.loadAfter = loadAverage();
const measuredSomething = rows.some((r) => r.value !== null);
const result = { at: new Date().toISOString(), machine, rows, detail };
mkdirSync(resultsDir, { recursive: true });
const stamp = result.at.replace(/[:.]/g, '-');
writeFileSync(join(resultsDir, `${stamp}.json`), JSON.stringify(result, null, 2));
writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(result, null, 2));

if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else process.stdout.write(table(result));
process.exit(measuredSomething ? 0 : 1);

function format(r) {
  if (r.value === null) return '—';
  const v = r.value;
  if (r.unit === 'ms') return `${Math.round(v)} ms`;
  if (r.unit === 's') return `${v.toFixed(1)} s`;
  if (r.unit === 'B') return `${(v / 1000).toFixed(1)} kB`;
  if (r.unit === 'ns') return `${Math.round(v)} ns`;
  if (r.unit === 'µs') return `${v.toFixed(1)} µs`;
  if (r.unit === '×') return `${v.toFixed(2)}×`;
  if (r.unit === 'MiB') return `${v.toFixed(1)} MiB`;
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}

function table({ at, machine: m, rows: all }) {
  const lines = all.map((r) => [
    r.area,
    r.figure,
    format(r),
    r.target,
    r.ok === null ? '' : r.ok ? '✓' : '✗',
  ]);
  const head = ['', 'figure', 'measured', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) =>
    cells
      .map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const met = all.filter((r) => r.ok === true).length;
  const missed = all.filter((r) => r.ok === false).length;
  return [
    `bench ${at}, Node ${m.node}, ${m.cores} cores`,
    `load average before ${m.loadBefore.join(' ')}, after ${m.loadAfter.join(' ')}; Lighthouse benchmarkIndex ${m.benchmarkIndex ?? 'n/a'} (median)`,
    '',
    fmt(head),
    ...lines.map(fmt),
    '',
    `${met} targets met, ${missed} missed${
      all.some((r) => r.why)
        ? `; not measured: ${all
            .filter((r) => r.why)
            .map((r) => `${r.area} (${r.why.split('\n')[0]})`)
            .join('; ')}`
        : ''
    }`,
    `written to bench/results/latest.json; the bench never fails the build (a loaded machine moves the timings)`,
    '',
  ].join('\n');
}
