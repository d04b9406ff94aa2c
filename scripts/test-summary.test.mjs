// Behaviour of scripts/test-summary.mjs, run as CI runs it: a child process over a reports
// directory, judged by its exit code and what it prints. Run with `node --test`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EXPECTED, parseExpected } from './test-summary.mjs';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'test-summary.mjs');

const vitest = (passed, failed = 0) => ({
  numTotalTests: passed + failed,
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: 0,
  numTodoTests: 0,
  testResults: [],
});
const playwright = (expected, unexpected = 0) => ({
  stats: { expected, unexpected, flaky: 0, skipped: 0 },
  errors: [],
});
const goStream = (passes, fails = 0) =>
  [
    ...Array.from({ length: passes }, (_, i) => ({ Action: 'pass', Test: `TestOk${i}` })),
    ...Array.from({ length: fails }, (_, i) => ({ Action: 'fail', Test: `TestBad${i}` })),
    { Action: 'pass', Package: 'localmemory.co/downloadkeys' }, // a package result, not a test
  ]
    .map((e) => JSON.stringify(e))
    .join('\n');

const EXPECTED = ['vitest-a.json', 'go-test.jsonl', 'playwright-e2e.json', 'budget.json'];

let scratch;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

/** A scratch reports dir holding `files` (name → object or raw text), and the expected list. */
function setUp(files, expected = EXPECTED) {
  scratch = mkdtempSync(join(tmpdir(), 'test-summary-'));
  const dir = join(scratch, 'reports');
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  const list = join(scratch, 'expected-reports.txt');
  writeFileSync(list, `# reports the test command writes\n${expected.join('\n')}\n`);
  return { dir, list };
}

function run(dir, list) {
  const result = spawnSync(process.execPath, [SCRIPT, dir, '--expected', list], {
    encoding: 'utf8',
  });
  const lines = result.stdout.trim().split('\n');
  return { status: result.status, out: result.stdout, err: result.stderr, last: lines.at(-1) };
}

const allGood = {
  'vitest-a.json': vitest(100),
  'go-test.jsonl': goStream(15),
  'playwright-e2e.json': playwright(4),
  'budget.json': { passed: 1, failed: 0, skipped: 0 },
};

describe('test-summary', () => {
  it('passes when every expected report is there and nothing failed', () => {
    const { dir, list } = setUp(allGood);
    const r = run(dir, list);
    assert.equal(r.status, 0, r.out);
    assert.equal(r.last, '120 passed, 0 failed');
  });

  it('fails when only one report is present, naming every missing one', () => {
    const { dir, list } = setUp({ 'vitest-a.json': vitest(120) });
    const r = run(dir, list);
    assert.equal(r.status, 1);
    assert.equal(r.last, '120 passed, 3 failed');
    for (const name of ['go-test.jsonl', 'playwright-e2e.json', 'budget.json']) {
      assert.match(r.out, new RegExp(`${name.replace('.', '\\.')}\\s+MISSING`));
    }
    assert.doesNotMatch(r.out, /vitest-a\.json\s+MISSING/);
  });

  it('fails when there is no reports directory at all', () => {
    const { list } = setUp({});
    const r = run(join(scratch, 'nowhere'), list);
    assert.equal(r.status, 1);
    assert.equal(r.last, `0 passed, ${EXPECTED.length} failed`);
  });

  it('counts an empty report file as a failure and names it', () => {
    const { dir, list } = setUp({ ...allGood, 'playwright-e2e.json': '' });
    const r = run(dir, list);
    assert.equal(r.status, 1);
    assert.match(r.out, /playwright-e2e\.json\s+UNREADABLE: empty file/);
    assert.equal(r.last, '116 passed, 1 failed');
  });

  it('counts a report that records no test as a failure', () => {
    const { dir, list } = setUp({ ...allGood, 'vitest-a.json': vitest(0) });
    const r = run(dir, list);
    assert.equal(r.status, 1);
    assert.match(r.out, /vitest-a\.json\s+UNREADABLE: empty: it records no test/);
  });

  it('counts an unreadable or unrecognised report as a failure', () => {
    const { dir, list } = setUp({
      ...allGood,
      'budget.json': '{"passed": 1, "fai',
      'vitest-a.json': { hello: 'world' },
    });
    const r = run(dir, list);
    assert.equal(r.status, 1);
    assert.match(r.out, /budget\.json\s+UNREADABLE/);
    assert.match(r.out, /vitest-a\.json\s+UNREADABLE: unrecognised report format/);
    assert.equal(r.last, '19 passed, 2 failed');
  });

  it('adds up failures inside the reports', () => {
    const { dir, list } = setUp({
      ...allGood,
      'go-test.jsonl': goStream(15, 2),
      'playwright-e2e.json': playwright(3, 1),
    });
    const r = run(dir, list);
    assert.equal(r.status, 1);
    assert.equal(r.last, '119 passed, 3 failed');
  });

  it('still counts a report nobody listed, and names it as unexpected', () => {
    const { dir, list } = setUp({ ...allGood, 'extra.json': vitest(5, 1) });
    const r = run(dir, list);
    assert.equal(r.status, 1);
    assert.match(r.out, /extra\.json\s+5 passed, 1 failed, 0 skipped\s+\(unexpected/);
    assert.equal(r.last, '125 passed, 1 failed');
  });

  it('passes with an unexpected extra report when everything in it passed', () => {
    const { dir, list } = setUp({ ...allGood, 'extra.json': vitest(5) });
    const r = run(dir, list);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /extra\.json .*unexpected/);
    assert.equal(r.last, '125 passed, 0 failed');
  });

  it('fails, saying what to do, when the list of expected reports is missing', () => {
    const { dir } = setUp(allGood);
    const r = run(dir, join(scratch, 'no-such-list.txt'));
    assert.equal(r.status, 1);
    assert.match(r.err, /cannot use the list of expected reports .*no-such-list\.txt/);
    assert.match(r.err, /one file name per line/);
    assert.equal(r.last, '0 passed, 1 failed');
  });

  it('fails on a list entry that is not a report file name, naming the line', () => {
    const { dir, list } = setUp(allGood, [...EXPECTED, '../secrets/report.json']);
    const r = run(dir, list);
    assert.equal(r.status, 1);
    assert.match(r.err, /line 6: "\.\.\/secrets\/report\.json" is not a report file name/);
  });
});

describe('parseExpected', () => {
  it('reads names, skipping comments and blank lines', () => {
    assert.deepEqual(parseExpected('# head\n\na.json  # trailing\r\nb.jsonl\n'), [
      'a.json',
      'b.jsonl',
    ]);
  });

  it('refuses duplicates and an empty list', () => {
    assert.throws(() => parseExpected('a.json\na.json\n'), /line 2: a\.json is listed twice/);
    assert.throws(() => parseExpected('# nothing\n'), /lists no report/);
  });

  it('accepts the committed list, which includes the report of this very suite', () => {
    const names = parseExpected(readFileSync(DEFAULT_EXPECTED, 'utf8'));
    assert.ok(names.includes('node-test-scripts.json'));
    assert.ok(names.includes('playwright-e2e.json'));
  });
});
