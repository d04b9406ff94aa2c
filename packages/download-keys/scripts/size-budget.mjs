#!/usr/bin/env node
// Size budgets, run in the test command (minified, gzipped, tree-shaken for the browser):
// - `.`: license keys + download links must stay within 5 kB including SHA-256;
// - `./lease`: lease verification within 10 kB including Ed25519 (@noble/ed25519) and SHA-512.
// Writes reports/size-budget-download-keys.json (the `.` figures at the top level, as before).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LEASE_IMPORT, MAIN_IMPORT, measureBundle } from './bundle-size.mjs';

const BUDGET_GZIP = 5 * 1024;
const LEASE_BUDGET_GZIP = 10 * 1024;
const reports = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'reports');

const main = { ...(await measureBundle(MAIN_IMPORT)), budget: BUDGET_GZIP };
const lease = { ...(await measureBundle(LEASE_IMPORT)), budget: LEASE_BUDGET_GZIP };
let passed = 0;
for (const [name, size] of [
  ['generateLicenseKey + downloadLinks', main],
  ['lease: verifyLease', lease],
]) {
  const ok = size.gzip <= size.budget;
  if (ok) passed++;
  console.log(
    `size budget: ${name} = ${size.minified} B minified, ${size.gzip} B gzip (budget ${size.budget} B): ${ok ? 'ok' : 'OVER BUDGET'}`,
  );
}
const failed = 2 - passed;
mkdirSync(reports, { recursive: true });
writeFileSync(
  join(reports, 'size-budget-download-keys.json'),
  JSON.stringify({
    passed,
    failed,
    skipped: 0,
    minified: main.minified,
    gzip: main.gzip,
    budget: BUDGET_GZIP,
    lease,
  }),
);
process.exit(failed === 0 ? 0 : 1);
