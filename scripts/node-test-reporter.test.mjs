// The node:test reporter behind reports/node-test-scripts.json: run node --test on scratch test
// files with it and read what it wrote.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPORTER = join(dirname(fileURLToPath(import.meta.url)), 'node-test-reporter.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'node-test-reporter-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function report(files) {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(scratch, name), text);
  const out = join(scratch, 'report.json');
  const run = spawnSync(
    process.execPath,
    [
      '--test',
      `--test-reporter=${REPORTER}`,
      `--test-reporter-destination=${out}`,
      ...Object.keys(files).map((f) => join(scratch, f)),
    ],
    // Without this, the inner runner reports to the outer one instead of to the reporter.
    { encoding: 'utf8', env: { ...process.env, NODE_TEST_CONTEXT: undefined } },
  );
  return { status: run.status, report: JSON.parse(readFileSync(out, 'utf8')) };
}

it('counts tests, not suites, and a failing child once', () => {
  const { status, report: r } = report({
    'a.test.mjs': `import { describe, it } from 'node:test';
describe('group', () => {
  it('ok 1', () => {});
  it('ok 2', () => {});
  it('broken', () => { throw new Error('no'); });
  it.skip('skipped', () => {});
  it.todo('later');
});`,
  });
  assert.equal(status, 1);
  assert.deepEqual([r.passed, r.failed, r.skipped], [2, 1, 2]);
  assert.deepEqual(
    r.tests.filter((t) => t.status === 'failed').map((t) => t.name),
    ['broken'],
  );
});

it('counts a file that cannot load as a failure', () => {
  const { report: r } = report({
    'ok.test.mjs': `import { it } from 'node:test'; it('fine', () => {});`,
    'broken.test.mjs': `import missing from './does-not-exist.mjs'; missing();`,
  });
  assert.equal(r.passed, 1);
  assert.equal(r.failed, 1);
});
