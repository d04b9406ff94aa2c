// Behaviour of scripts/test-lanes.mjs: the two lanes hold every workspace's tests exactly once
// (asked of turbo itself, in dry runs), run at the same time, and fail the run when either fails.
// Run with `node --test`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BROWSER_LANE_WORKSPACE, main, STAGES } from './test-lanes.mjs';

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

describe('the lanes', () => {
  it('hold every workspace test exactly once, e2e alone in its own', () => {
    const browser = testTasks(withoutSummarize(STAGES.lanes.browser));
    const rest = testTasks(withoutSummarize(STAGES.lanes.rest));
    assert.deepEqual(browser, [`${BROWSER_LANE_WORKSPACE}#test`]);
    const all = testTasks(['run', 'test']);
    assert.ok(all.length > 2, `turbo lists only ${all.join(', ')}`);
    assert.deepEqual([...browser, ...rest].sort(), all);
  });

  it('run no task of the preparation again, and the rest one at a time', () => {
    for (const args of Object.values(STAGES.lanes)) assert.ok(args.includes('--only'));
    assert.ok(STAGES.lanes.rest.includes('--concurrency=1'));
    assert.deepEqual(STAGES.prepare.slice(0, 4), ['run', 'build', 'lint', 'typecheck']);
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

  it('starts both lanes after the preparation, before either ends, and passes when all pass', async () => {
    const turbo = fakeTurbo();
    let timings;
    const done = main({ run: turbo.run, now: () => 0, write: (t) => (timings = t) });
    await tick();
    assert.deepEqual(turbo.started, ['prepare']);
    turbo.finish('prepare', 0);
    await tick();
    assert.deepEqual(turbo.started, ['prepare', 'browser', 'rest']);
    turbo.finish('rest', 0);
    turbo.finish('browser', 0);
    assert.equal(await done, 0);
    assert.deepEqual(
      timings.stages.map((s) => s.stage),
      ['build, lint, typecheck', 'browser lane', 'rest lane'],
    );
  });

  it('fails when one lane fails, after both have finished', async () => {
    const turbo = fakeTurbo();
    const done = main({ run: turbo.run, now: () => 0, write: () => undefined });
    await tick();
    turbo.finish('prepare', 0);
    await tick();
    turbo.finish('browser', 1);
    let settled = false;
    done.then(() => (settled = true));
    await tick();
    assert.equal(settled, false, 'it must wait for the other lane');
    turbo.finish('rest', 0);
    assert.equal(await done, 1);
  });

  it('fails when the preparation fails, still running the lanes', async () => {
    const turbo = fakeTurbo();
    const done = main({ run: turbo.run, now: () => 0, write: () => undefined });
    await tick();
    turbo.finish('prepare', 2);
    await tick();
    turbo.finish('browser', 0);
    turbo.finish('rest', 0);
    assert.equal(await done, 1);
  });
});
