// Behaviour of scripts/test-lanes.mjs: the queue holds every workspace's tests exactly once
// (asked of turbo itself, in dry runs), longest first; the lanes take from it at once; the run
// fails when any suite fails. Run with `node --test`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  EXPECTED_SECONDS,
  lanesFrom,
  main,
  queueOrder,
  STAGES,
  testWorkspaces,
} from './test-lanes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The test tasks a turbo invocation would run, from `--dry=json`. */
function testTasks(args) {
  const run = spawnSync(join(root, 'node_modules', '.bin', 'turbo'), [...args, '--dry=json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout)
    .tasks.map((t) => t.taskId)
    .filter((id) => id.endsWith('#test'))
    .sort();
}

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
    assert.deepEqual(STAGES.prepare.slice(0, 4), ['run', 'build', 'lint', 'typecheck']);
  });

  it('starts with the longest suites, names only workspaces that exist, then the rest by name', () => {
    const workspaces = testWorkspaces();
    for (const w of Object.keys(EXPECTED_SECONDS)) assert.ok(workspaces.includes(w), w);
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
      finish: (name, exit) => pending.get(name)(exit),
    };
  }
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const workspaces = () => ['@local-memory/catalog', '@local-memory/e2e', '@local-memory/infra'];
  /** `main` over the fake turbo, with `lanes` lanes and the timings handed to `write`. */
  const start = (turbo, lanes, write = () => undefined) =>
    main({ workspaces, run: turbo.run, now: () => 0, write, lanes });

  it('runs two suites at a time after the preparation, the next as soon as a lane is free', async () => {
    const turbo = fakeTurbo();
    let timings;
    const done = start(turbo, 2, (t) => (timings = t));
    await tick();
    assert.deepEqual(turbo.started, ['prepare']);
    turbo.finish('prepare', 0);
    await tick();
    assert.deepEqual(turbo.started, ['prepare', 'infra', 'e2e']);
    turbo.finish('e2e', 0);
    await tick();
    assert.deepEqual(turbo.started, ['prepare', 'infra', 'e2e', 'catalog']);
    turbo.finish('catalog', 0);
    turbo.finish('infra', 0);
    assert.equal(await done, 0);
    assert.deepEqual(
      timings.stages.map((s) => [s.stage, s.lane]),
      [
        ['build, lint, typecheck', undefined],
        ['e2e#test', 2],
        ['catalog#test', 2],
        ['infra#test', 1],
        ['lane 1', undefined],
        ['lane 2', undefined],
      ],
    );
  });

  it('runs three suites at a time with three lanes', async () => {
    const turbo = fakeTurbo();
    const done = start(turbo, 3);
    await tick();
    turbo.finish('prepare', 0);
    await tick();
    assert.deepEqual(turbo.started, ['prepare', 'infra', 'e2e', 'catalog']);
    for (const name of ['catalog', 'e2e', 'infra']) turbo.finish(name, 0);
    assert.equal(await done, 0);
  });

  it('fails when one suite fails, after every other suite has run', async () => {
    const turbo = fakeTurbo();
    const done = start(turbo, 2);
    await tick();
    turbo.finish('prepare', 0);
    await tick();
    turbo.finish('e2e', 1);
    await tick();
    let settled = false;
    done.then(() => (settled = true));
    turbo.finish('catalog', 0);
    await tick();
    assert.equal(settled, false, 'it must wait for the other lane');
    turbo.finish('infra', 0);
    assert.equal(await done, 1);
  });

  it('fails when the preparation fails, still running every suite', async () => {
    const turbo = fakeTurbo();
    const done = start(turbo, 2);
    await tick();
    turbo.finish('prepare', 2);
    await tick();
    turbo.finish('infra', 0);
    turbo.finish('e2e', 0);
    await tick();
    turbo.finish('catalog', 0);
    assert.equal(await done, 1);
    assert.deepEqual(turbo.started, ['prepare', 'infra', 'e2e', 'catalog']);
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
