#!/usr/bin/env node
// Sum every test runner's report under reports/ into one closing line, `N passed, N failed`.
// Understands Vitest's and Playwright's JSON reporters, `go test -json` streams (*.jsonl), and
// plain check reports { "passed": N, "failed": N, "skipped": N } written by budget scripts and
// the node:test reporter.
//
// The reports the test command must produce are listed in scripts/expected-reports.txt (one file
// name per line, `#` comments). A listed report that is missing, empty (no bytes, or no test
// recorded) or unreadable counts as one failure and is named, so a run where a suite never
// started cannot pass. A report that is not listed is still counted, and named as unexpected.
// Exits 1 when anything failed, when no test ran at all, or when the list itself is unusable.
//
//   node scripts/test-summary.mjs [reportsDir] [--expected FILE]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Where the list of reports lives when no `--expected` is given. */
export const DEFAULT_EXPECTED = join(here, 'expected-reports.txt');

const REPORT_NAME = /^[A-Za-z0-9._-]+\.jsonl?$/;

/**
 * Read the list of reports the test command must produce.
 * @param {string} text - the list file's contents
 * @returns {string[]} report file names, in file order
 * @throws {Error} naming the line when an entry is not a plain `*.json` or `*.jsonl` file name,
 *   appears twice, or when the list holds no report at all
 */
export function parseExpected(text) {
  const names = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    if (!REPORT_NAME.test(line)) {
      throw new Error(
        `line ${i + 1}: ${JSON.stringify(line)} is not a report file name (letters, digits, ".", "_", "-", ending in .json or .jsonl)`,
      );
    }
    if (names.includes(line)) throw new Error(`line ${i + 1}: ${line} is listed twice`);
    names.push(line);
  });
  if (names.length === 0) throw new Error('it lists no report');
  return names;
}

function fromGoJson(text) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line);
    if (!event.Test) continue; // package-level results are not tests
    if (event.Action === 'pass') passed++;
    else if (event.Action === 'fail') failed++;
    else if (event.Action === 'skip') skipped++;
  }
  return [passed, failed, skipped];
}

function fromJson(report) {
  if (typeof report.numTotalTests === 'number') {
    // Vitest (Jest-compatible JSON). Suites that failed to load count as failures.
    const failedSuites = (report.testResults ?? []).filter(
      (r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0,
    ).length;
    return [
      report.numPassedTests,
      report.numFailedTests + failedSuites,
      report.numPendingTests + (report.numTodoTests ?? 0),
    ];
  }
  if (report.stats && typeof report.stats.expected === 'number') {
    // Playwright: flaky tests passed on retry but are reported as failures here on purpose.
    const errors = (report.errors ?? []).length;
    return [
      report.stats.expected,
      report.stats.unexpected + report.stats.flaky + errors,
      report.stats.skipped,
    ];
  }
  if (typeof report.passed === 'number' && typeof report.failed === 'number') {
    return [report.passed, report.failed, report.skipped ?? 0];
  }
  throw new Error('unrecognised report format');
}

/**
 * Count one report's tests.
 * @param {string} name - file name; `.jsonl` is read as a `go test -json` stream
 * @param {string} text - the file's contents
 * @returns {[number, number, number]} passed, failed, skipped
 * @throws {Error} when the report is empty, records no test, or cannot be parsed
 */
export function countReport(name, text) {
  if (text.trim() === '') throw new Error('empty file');
  const counts = name.endsWith('.jsonl') ? fromGoJson(text) : fromJson(JSON.parse(text));
  if (!counts.every((n) => Number.isInteger(n) && n >= 0)) {
    throw new Error(`counts are not whole numbers: ${JSON.stringify(counts)}`);
  }
  if (counts[0] + counts[1] + counts[2] === 0) throw new Error('empty: it records no test');
  return counts;
}

/**
 * Sum the reports in `dir` against the list of expected ones.
 * @param {{ dir: string, expected: readonly string[] }} options
 * @returns {{ rows: string[], passed: number, failed: number, skipped: number, ok: boolean }}
 *   `failed` includes one failure per missing, empty or unreadable report; `ok` is false when
 *   anything failed or nothing passed
 */
export function summarise({ dir, expected }) {
  let present = [];
  try {
    present = readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.jsonl'));
  } catch {
    // no reports directory: every expected report is missing
  }
  const names = [...new Set([...expected, ...present])].sort();
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const rows = [];
  for (const name of names) {
    const label = name.padEnd(34);
    const listed = expected.includes(name);
    if (!present.includes(name)) {
      totals.failed++;
      rows.push(`  ${label} MISSING: the test command did not write it (counted as 1 failed)`);
      continue;
    }
    const note = listed ? '' : '  (unexpected: not in scripts/expected-reports.txt)';
    try {
      const [passed, failed, skipped] = countReport(name, readFileSync(join(dir, name), 'utf8'));
      totals.passed += passed;
      totals.failed += failed;
      totals.skipped += skipped;
      rows.push(`  ${label} ${passed} passed, ${failed} failed, ${skipped} skipped${note}`);
    } catch (error) {
      totals.failed++;
      rows.push(`  ${label} UNREADABLE: ${error.message} (counted as 1 failed)${note}`);
    }
  }
  return { rows, ...totals, ok: totals.failed === 0 && totals.passed > 0 };
}

/**
 * The command: print the table and the closing line, return the exit code.
 * @param {readonly string[]} argv - arguments after the script name
 * @returns {number} 0 when every expected report is present and nothing failed, else 1
 */
export function main(argv) {
  let dir = 'reports';
  let expectedFile = DEFAULT_EXPECTED;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--expected') {
      expectedFile = argv[++i] ?? '';
    } else {
      dir = argv[i];
    }
  }
  let expected;
  try {
    expected = parseExpected(readFileSync(expectedFile, 'utf8'));
  } catch (error) {
    console.error(
      `test-summary: cannot use the list of expected reports ${resolve(expectedFile)}: ${error.message}. ` +
        'List every report the test command writes, one file name per line.',
    );
    console.log('0 passed, 1 failed');
    return 1;
  }
  const summary = summarise({ dir, expected });
  console.log(`\nTest reports (${dir}/, ${expected.length} expected):`);
  console.log(summary.rows.join('\n'));
  console.log(`  (${summary.skipped} skipped)`);
  // The closing line CI reads: exactly `N passed, N failed`.
  console.log(`${summary.passed} passed, ${summary.failed} failed`);
  return summary.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
