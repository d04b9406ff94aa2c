#!/usr/bin/env node
// Size budget, run in the test command: license keys + download links, minified and gzipped,
// must stay within 5 kB including SHA-256. Writes reports/size-budget-download-keys.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureBundle } from './bundle-size.mjs';

const BUDGET_GZIP = 5 * 1024;
const reports = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'reports');
const { minified, gzip } = await measureBundle();
const ok = gzip <= BUDGET_GZIP;
console.log(
  `size budget: generateLicenseKey + downloadLinks = ${minified} B minified, ${gzip} B gzip (budget ${BUDGET_GZIP} B): ${ok ? 'ok' : 'OVER BUDGET'}`,
);
mkdirSync(reports, { recursive: true });
writeFileSync(
  join(reports, 'size-budget-download-keys.json'),
  JSON.stringify({
    passed: ok ? 1 : 0,
    failed: ok ? 0 : 1,
    skipped: 0,
    minified,
    gzip,
    budget: BUDGET_GZIP,
  }),
);
process.exit(ok ? 0 : 1);
