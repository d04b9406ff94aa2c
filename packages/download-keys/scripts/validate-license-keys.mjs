#!/usr/bin/env node
// License-key validation for CI (.github/workflows/validate-license-keys.yml), also part of the
// package's test command. Builds the Go reference CLI and checks, against the built library:
//   1. format validation: every format vector, in TypeScript and Go, verdict and problem codes;
//   2. cryptography: vector keys and 1,000 seeded sessions give the same key in TS, Go batch and
//      the product-shaped `license validate` (exit 0), each verifies in both, the 1,000 keys are
//      distinct and their digest matches a pinned literal (so a change both sides make together
//      still fails here);
//   3. rejection: corrupted keys, other sessions' keys, a wrong secret and the old documentation's
//      4-segment and reordered keys are refused by both (and `license validate` exits 1).
// Every check compares against something the code under test did not just compute in the same
// way: the vectors, the other implementation, a pinned literal, or a key known to be wrong.
// Prints a table, writes reports/license-key-validation.json and, in GitHub Actions, a job summary
// built from these results. Exits 1 if any check failed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLicenseKey, validateLicenseKeyFormat, verifyLicenseKey } from '../dist/index.js';
import { buildGoReference } from './build-go.mjs';
import { prng } from './prng.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const vectors = (name) => JSON.parse(readFileSync(join(here, '..', 'vectors', name), 'utf8')).cases;
// REPORTS_DIR lets a test run this script without overwriting the real report.
const reports = process.env.REPORTS_DIR || join(here, '..', '..', '..', 'reports');
/** Used only by this check; labelled so it is never mistaken for a real secret. */
const CI_SECRET = 'CI-ONLY-license-key-validation-secret-0123456789';
/** SHA-256 of the 1,000 seeded sessions' keys joined by newlines; see the crypto checks. */
const PINNED_KEYS_SHA256 = '95461bd9a8efd9e7be25d32802c69905c337af406f39f2567223260a7c43f2c2';
const binary = buildGoReference();

function goBatch(cases) {
  const run = spawnSync(binary, ['batch'], {
    input: `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`Go batch failed (${run.status}): ${run.stderr}`);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

function goValidate(key, sessionId, secret) {
  const run = spawnSync(binary, ['license', 'validate', key, '--session-id', sessionId, '--json'], {
    env: { ...process.env, DOWNLOAD_SECRET: secret, DOWNLOAD_SECRET_FILE: '' },
    encoding: 'utf8',
  });
  return run.status;
}

// Seeded: the same 1,000 sessions on every run.
const random = prng(20251124);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const sessions = Array.from(
  { length: 1000 },
  (_, i) =>
    `cs_${i % 3 === 0 ? 'live' : 'test'}_${Array.from({ length: 8 + Math.floor(random() * 60) }, () => ALNUM[Math.floor(random() * ALNUM.length)]).join('')}`,
);

const checks = [];
function check(section, name, failures, total) {
  // A check that looked at nothing cannot fail, so it does not pass either.
  const problems = total > 0 ? failures : ['no case was checked'];
  checks.push({ section, name, total, failed: problems.length, examples: problems.slice(0, 3) });
}
const sameList = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// 1. Format validation -------------------------------------------------------------------------
{
  const cases = vectors('license-key-format.json');
  const go = goBatch(cases.map((c) => ({ op: 'format', licenseKey: c.licenseKey })));
  const failures = [];
  cases.forEach((c, i) => {
    const ts = validateLicenseKeyFormat(c.licenseKey);
    const tsProblems = ts.problems.map((p) => p.code ?? p);
    if (ts.valid !== c.valid || !sameList(tsProblems, c.problems))
      failures.push(`${c.id}: TS said ${ts.valid} ${tsProblems}`);
    if (go[i].valid !== c.valid || !sameList(go[i].problems ?? [], c.problems))
      failures.push(`${c.id}: Go said ${go[i].valid} ${go[i].problems}`);
  });
  check('format', 'format vectors: verdict and problem codes (TS and Go)', failures, cases.length);
}

// 2. Cryptographic cross-check -------------------------------------------------------------------
{
  const cases = vectors('license-keys.json');
  const go = goBatch(
    cases.map((c) => ({ op: 'license', sessionId: c.sessionId, secret: c.secret })),
  );
  const failures = [];
  cases.forEach((c, i) => {
    const ts = generateLicenseKey(c.sessionId, c.secret);
    if (ts !== c.licenseKey || go[i].licenseKey !== c.licenseKey)
      failures.push(`${c.id}: vector ${c.licenseKey}, TS ${ts}, Go ${go[i].licenseKey}`);
  });
  check('crypto', 'key vectors: TS = Go = vector', failures, cases.length);
}
const tsKeys = sessions.map((s) => generateLicenseKey(s, CI_SECRET));
{
  const go = goBatch(sessions.map((s) => ({ op: 'license', sessionId: s, secret: CI_SECRET })));
  const verified = goBatch(
    sessions.map((s, i) => ({
      op: 'verify',
      licenseKey: tsKeys[i],
      sessionId: s,
      secret: CI_SECRET,
    })),
  );
  const failures = [];
  sessions.forEach((s, i) => {
    if (go[i].licenseKey !== tsKeys[i])
      failures.push(`${s}: TS ${tsKeys[i]}, Go ${go[i].licenseKey}`);
    if (verified[i].verified !== true) failures.push(`${s}: Go does not verify the TS key`);
    if (!verifyLicenseKey(tsKeys[i], s, CI_SECRET)) failures.push(`${s}: TS does not verify`);
  });
  check(
    'crypto',
    '1,000 seeded sessions: TS = Go, each verifies in both',
    failures,
    sessions.length,
  );
  const cli = [];
  for (const i of [0, 1, 2, 500, 999]) {
    const status = goValidate(tsKeys[i], sessions[i], CI_SECRET);
    if (status !== 0) cli.push(`${sessions[i]}: license validate exited ${status}`);
  }
  check('crypto', '`license validate KEY --session-id` exits 0 for real keys', cli, 5);
  const distinct = new Set(tsKeys).size;
  check(
    'crypto',
    '1,000 seeded sessions give 1,000 distinct keys',
    distinct === tsKeys.length ? [] : [`${tsKeys.length - distinct} collisions`],
    1,
  );
  // Pinned once (TS and Go agreed on it when it was committed). It changes only if the key
  // algorithm, the seeded sessions or CI_SECRET change; then the vectors must change too.
  const digest = createHash('sha256').update(tsKeys.join('\n')).digest('hex');
  check(
    'crypto',
    "1,000 seeded sessions' keys match the pinned digest",
    digest === PINNED_KEYS_SHA256 ? [] : [`digest ${digest}, pinned ${PINNED_KEYS_SHA256}`],
    1,
  );
}

// 3. Rejection -----------------------------------------------------------------------------------
{
  const ALPHABET = '2346789ABCDEFG'; // never used to build a key here, only to corrupt one
  const corrupt = (key) => {
    const positions = [...key].map((ch, i) => (ch === '-' || i < 3 ? -1 : i)).filter((i) => i >= 0);
    const at = positions[Math.floor(random() * positions.length)];
    const old = key[at];
    const replacement =
      [...ALPHABET].find((c) => c !== old && random() < 0.5) ?? (old === 'A' ? 'B' : 'A');
    return key.slice(0, at) + replacement + key.slice(at + 1);
  };
  const wrong = [];
  sessions.slice(0, 300).forEach((s, i) => {
    wrong.push({
      why: 'one character changed',
      key: corrupt(tsKeys[i]),
      sessionId: s,
      secret: CI_SECRET,
    });
    wrong.push({
      why: "another session's key",
      key: tsKeys[(i + 1) % 300],
      sessionId: s,
      secret: CI_SECRET,
    });
    wrong.push({
      why: 'made with another secret',
      key: generateLicenseKey(s, `${CI_SECRET}-other`),
      sessionId: s,
      secret: CI_SECRET,
    });
  });
  const spec = vectors('license-keys.json')[0];
  const oldDocs = vectors('license-key-format.json').filter((c) => c.id.startsWith('old-docs'));
  for (const c of oldDocs)
    wrong.push({ why: c.id, key: c.licenseKey, sessionId: spec.sessionId, secret: spec.secret });
  const go = goBatch(
    wrong.map((w) => ({
      op: 'verify',
      licenseKey: w.key,
      sessionId: w.sessionId,
      secret: w.secret,
    })),
  );
  const failures = [];
  let judged = 0;
  wrong.forEach((w, i) => {
    // A case that happens to be the right key is not a wrong key: leave it out of the count.
    if (w.key === generateLicenseKey(w.sessionId, w.secret)) return;
    judged++;
    if (verifyLicenseKey(w.key, w.sessionId, w.secret))
      failures.push(`${w.why}: TS accepted ${w.key}`);
    if (go[i].verified === true) failures.push(`${w.why}: Go accepted ${w.key}`);
  });
  check(
    'rejection',
    'corrupted, swapped and wrong-secret keys refused (TS and Go)',
    failures,
    judged,
  );
  const cli = [];
  for (const c of oldDocs) {
    const status = goValidate(
      c.licenseKey,
      'cs_test_12345',
      'old-docs-check-secret-0123456789abcdef',
    );
    if (status !== 1) cli.push(`${c.id}: license validate exited ${status}, expected 1`);
  }
  check(
    'rejection',
    "old documentation's 4-segment and reordered keys: `license validate` exits 1",
    cli,
    oldDocs.length,
  );
}

// Report -----------------------------------------------------------------------------------------
const failed = checks.filter((c) => c.failed > 0).length;
const passed = checks.length - failed;
for (const c of checks) {
  console.log(
    `${c.failed === 0 ? 'ok  ' : 'FAIL'} [${c.section}] ${c.name}: ${c.total - c.failed}/${c.total}${c.failed ? `\n       e.g. ${c.examples.join('\n       e.g. ')}` : ''}`,
  );
}
console.log(`license-key validation: ${passed} checks passed, ${failed} failed`);
mkdirSync(reports, { recursive: true });
writeFileSync(
  join(reports, 'license-key-validation.json'),
  `${JSON.stringify({ passed, failed, skipped: 0, checks }, null, 2)}\n`,
);
if (process.env.GITHUB_STEP_SUMMARY) {
  const rows = checks.map(
    (c) =>
      `| ${c.failed === 0 ? '✅' : '❌'} | ${c.section} | ${c.name} | ${c.total - c.failed} / ${c.total} |`,
  );
  appendFileSync(
    process.env.GITHUB_STEP_SUMMARY,
    [
      `## License-key validation: ${failed === 0 ? 'passed' : `${failed} check(s) FAILED`}`,
      '',
      '| | Section | Check | Cases passing |',
      '|---|---|---|---|',
      ...rows,
      '',
      ...checks
        .filter((c) => c.failed)
        .flatMap((c) => [`**${c.name}**`, ...c.examples.map((e) => `- ${e}`), '']),
    ].join('\n'),
  );
}
process.exit(failed === 0 ? 0 : 1);
