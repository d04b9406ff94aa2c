// Behaviour of scripts/test-lanes.mjs: the build, the lint and typecheck job and the suites run
// every task `turbo run test` would (asked of turbo itself, in dry runs), each test exactly once;
// the queue is longest first; the lanes take from it at once; the run fails when any job fails.
// Run with `node --test`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  CHECKS,
  EXPECTED_SECONDS,
  lanesFrom,
  main,
  queueOrder,
  STAGES,
  TMPFS_MIN_FREE_BYTES,
  testWorkspaces,
  tmpfsFor,
} from './test-lanes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The tasks a turbo invocation would run, from `--dry=json`. */
function tasks(args) {
  const run = spawnSync(join(root, 'node_modules', '.bin', 'turbo'), [...args, '--dry=json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout)
    .tasks.map((t) => t.taskId)
    .sort();
}
const testTasks = (args) => tasks(args).filter((id) => id.endsWith('#test'));

const withoutSummarize = (args) => args.filter((a) => a !== '--summarize');

describe('the queue', () => {
  it('holds every workspace test exactly once, each suite run alone without its dependencies', () => {
    const workspaces = testWorkspaces();
    const all = testTasks(['run', 'test']);
    assert.ok(all.length > 2, `turbo lists only ${all.join(', ')}`);
    assert.deepEqual(workspaces.map((w) => `${w}#test`).sort(), all);
    for (const w of workspaces.slice(0, 3)) {
      assert.deepEqual(testTasks(withoutSummarize(STAGES.suite(w))), [`${w}#test`]);
    }
  });

  it('runs, with the build and the checks, every task `turbo run test` would, and no other', () => {
    const suites = testWorkspaces().map((w) => `${w}#test`);
    const ours = [
      ...tasks(withoutSummarize(STAGES.build)),
      ...tasks(withoutSummarize(STAGES.checks)),
      ...suites,
    ];
    const all = tasks(['run', 'test']);
    assert.ok(
      all.some((id) => id.endsWith('#typecheck')) && all.some((id) => id.endsWith('#lint')),
    );
    assert.deepEqual([...new Set(ours)].sort(), all);
    assert.equal(ours.length, all.length, 'a task would run twice');
  });

  it('starts with the longest suites, names only workspaces that exist, then the rest by name', () => {
    const workspaces = testWorkspaces();
    for (const w of Object.keys(EXPECTED_SECONDS))
      if (w !== CHECKS) assert.ok(workspaces.includes(w), w);
    const order = queueOrder(['@x/b', '@local-memory/api', '@x/a', '@local-memory/e2e']);
    assert.deepEqual(order, ['@local-memory/e2e', '@local-memory/api', '@x/a', '@x/b']);
  });
});

describe('main', () => {
  /** A fake turbo: each stage ends when the test says so, with the exit code it gives. */
  function fakeTurbo() {
    const pending = new Map();
    const started = [];
    return {
      started,
      run: (name) =>
        new Promise((resolve) => {
          started.push(name);
          pending.set(name, resolve);
        }),
      /** End a stage, then let `main` react (start the next job, or settle). */
      finish: async (name, exit) => {
        pending.get(name)(exit);
        await tick();
      },
    };
  }
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const workspaces = () => ['@local-memory/catalog', '@local-memory/e2e', '@local-memory/infra'];
  /** Every job in queue order, after the build: e2e 160 s, infra 48, the checks 15, catalog. */
  const EVERY_JOB = ['build', 'e2e', 'infra', 'checks', 'catalog'];
  /**
   * `main` over the fake turbo, with `lanes` lanes and the timings handed to `write`, once it has
   * started the build; `done` is its exit code.
   */
  const start = async (turbo, lanes, write = () => undefined, tmpdir = () => () => undefined) => {
    const done = main({ workspaces, run: turbo.run, now: () => 0, write, lanes, tmpdir });
    await tick();
    return { done };
  };

  it('runs two jobs at a time after the build, longest first, the next as soon as a lane is free', async () => {
    const turbo = fakeTurbo();
    let timings;
    const { done } = await start(turbo, 2, (t) => (timings = t));
    assert.deepEqual(turbo.started, ['build']);
    await turbo.finish('build', 0);
    assert.deepEqual(turbo.started, ['build', 'e2e', 'infra']);
    await turbo.finish('infra', 0);
    assert.deepEqual(turbo.started, ['build', 'e2e', 'infra', 'checks']);
    await turbo.finish('checks', 0);
    assert.deepEqual(turbo.started, EVERY_JOB);
    await turbo.finish('catalog', 0);
    await turbo.finish('e2e', 0);
    assert.equal(await done, 0);
    assert.deepEqual(
      timings.stages.map((s) => [s.stage, s.lane]),
      [
        ['build', undefined],
        ['infra#test', 2],
        [CHECKS, 2],
        ['catalog#test', 2],
        ['e2e#test', 1],
        ['lane 1', undefined],
        ['lane 2', undefined],
      ],
    );
  });

  it('runs three jobs at a time with three lanes', async () => {
    const turbo = fakeTurbo();
    const { done } = await start(turbo, 3);
    await turbo.finish('build', 0);
    assert.deepEqual(turbo.started, ['build', 'e2e', 'infra', 'checks']);
    for (const name of ['checks', 'e2e', 'infra']) await turbo.finish(name, 0);
    assert.deepEqual(turbo.started, EVERY_JOB);
    await turbo.finish('catalog', 0);
    assert.equal(await done, 0);
  });

  it('chooses the temporary folder before the build and removes it after the last job', async () => {
    const turbo = fakeTurbo();
    const events = [];
    const tmpdir = () => {
      events.push(`chosen before ${turbo.started.length} stages`);
      return () => events.push(`removed after ${turbo.started.length} stages`);
    };
    const { done } = await start(turbo, 3, () => undefined, tmpdir);
    for (const name of EVERY_JOB) {
      assert.equal(events.length, 1);
      await turbo.finish(name, name === 'infra' ? 1 : 0);
    }
    assert.equal(await done, 1);
    assert.deepEqual(events, [
      'chosen before 0 stages',
      `removed after ${EVERY_JOB.length} stages`,
    ]);
  });

  it('fails when one suite fails, after every other job has run', async () => {
    const turbo = fakeTurbo();
    const { done } = await start(turbo, 2);
    await turbo.finish('build', 0);
    await turbo.finish('e2e', 1);
    let settled = false;
    done.then(() => (settled = true));
    await turbo.finish('checks', 0);
    await turbo.finish('catalog', 0);
    assert.equal(settled, false, 'it must wait for the other lane');
    await turbo.finish('infra', 0);
    assert.equal(await done, 1);
  });

  /** `main` in two lanes, each stage ended in the order given with its exit code. */
  const runThrough = async (exits) => {
    const turbo = fakeTurbo();
    const { done } = await start(turbo, 2);
    for (const [stage, code] of exits) await turbo.finish(stage, code);
    return { code: await done, started: turbo.started };
  };

  it('fails when lint or typecheck fails, after every suite has run', async () => {
    const run = await runThrough([
      ['build', 0],
      ['infra', 0],
      ['checks', 1],
      ['catalog', 0],
      ['e2e', 0],
    ]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.started, EVERY_JOB);
  });

  it('fails when the build fails, still running every job', async () => {
    const run = await runThrough([
      ['build', 2],
      ['infra', 0],
      ['e2e', 0],
      ['checks', 0],
      ['catalog', 0],
    ]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.started, EVERY_JOB);
  });
});

describe('tmpfsFor', () => {
  const GiB = 1024 ** 3;
  const mounts = (line) =>
    ['/dev/vda / ext4 rw,relatime,discard 0 0', line, 'proc /proc proc rw 0 0'].join('\n');
  const shm = (options) => mounts(`tmpfs /dev/shm tmpfs ${options} 0 0`);
  const machine = (over) => ({
    env: {},
    mounts: shm('rw,relatime,size=24683784k'),
    freeBytes: () => 23 * GiB,
    ...over,
  });

  it('uses a tmpfs /dev/shm that runs programs and has room', () => {
    assert.deepEqual(tmpfsFor(machine({})), {
      use: true,
      why: '/dev/shm is a tmpfs with 23.0 GiB free',
    });
    // The last mount on a path is the one in use.
    const stacked = `${shm('rw,noexec')}\ntmpfs /dev/shm tmpfs rw,relatime 0 0`;
    assert.equal(tmpfsFor(machine({ mounts: stacked })).use, true);
  });

  it('keeps the default folder, saying why, when TMPDIR is set or /dev/shm will not do', () => {
    const cases = [
      [{ env: { TMPDIR: '/scratch' } }, 'TMPDIR is set (/scratch)'],
      [{ mounts: mounts('') }, '/dev/shm is not mounted'],
      [{ mounts: mounts('/dev/vdb /dev/shm ext4 rw 0 0') }, '/dev/shm is ext4, not tmpfs'],
      [{ mounts: shm('rw,nosuid,nodev,noexec,relatime') }, '/dev/shm is mounted noexec'],
      [{ freeBytes: () => 64 * 1024 ** 2 }, '/dev/shm has 64 MiB free'],
    ];
    for (const [over, why] of cases) assert.deepEqual(tmpfsFor(machine(over)), { use: false, why });
    assert.equal(TMPFS_MIN_FREE_BYTES, 2 * GiB);
  });
});

describe('TEST_LANES', () => {
  it('is 3 lanes when unset, else the whole number it names', () => {
    assert.equal(lanesFrom(undefined), 3);
    assert.equal(lanesFrom(''), 3);
    assert.equal(lanesFrom('2'), 2);
  });

  it('refuses anything but a whole number from 1 to 8, naming the variable', () => {
    for (const bad of ['0', '9', '1.5', 'two', '-1'])
      assert.throws(() => lanesFrom(bad), /TEST_LANES must be a whole number from 1 to 8/);
  });
});
