#!/usr/bin/env node
// The Lighthouse checks in `npm test`: only what load cannot move. Each page of each site (built
// for production and served by `vite preview`) is measured once (scripts/lighthouse-measure.mjs)
// and must have accessibility, best practices and SEO at 100, no layout shift (CLS 0), its whole
// first visit within its byte budget, its LCP element in the HTML as served (before any script
// runs), no render-blocking request, and, for /success and /account, be blocked from indexing.
// Timings (LCP, FCP, TBT, the performance score) are not checked here: a loaded machine moves
// them. They are measured, with their targets, by `npm run bench` at the repository root.
// Writes reports/lighthouse-landing.json (one check per page and property).
//
//   node scripts/lighthouse.mjs                  build, measure, enforce
//   node scripts/lighthouse.mjs --dist <dir>     check an existing browser-mode build
//   node scripts/lighthouse.mjs --report-only    print the checks, never fail, write no report
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CATEGORIES, measureSites } from './lighthouse-measure.mjs';
import { appDir } from './preview-server.mjs';
import { lcpElementInHtml, renderBlockingInHtml } from './served-html.mjs';

const { values: options } = parseArgs({
  options: { dist: { type: 'string' }, 'report-only': { type: 'boolean', default: false } },
});
const reports = join(appDir, '..', '..', 'reports');

/**
 * The checks for one measured page. Every run must pass (the test makes one).
 * @returns {Array<{ metric: string, value: unknown, target: unknown, ok: boolean }>}
 */
function checksFor(measured) {
  const { target, runs, servedHtml } = measured;
  const checks = [];
  const add = (metric, value, expected, ok) => checks.push({ metric, value, target: expected, ok });
  for (const id of CATEGORIES) {
    const worst = Math.min(...runs.map((r) => r[id]));
    add(id, worst, 100, worst === 100);
  }
  const shifts = Math.max(...runs.map((r) => r.layoutShifts));
  const cls = Math.max(...runs.map((r) => r.cls));
  add('cls', cls, 0, cls === 0 && shifts === 0);
  const bytes = Math.max(...runs.map((r) => r.bytes));
  add('bytes', bytes, target.maxBytes, bytes <= target.maxBytes);
  const blocking = [
    ...new Set([...runs.flatMap((r) => r.renderBlocking), ...renderBlockingInHtml(servedHtml)]),
  ];
  add('renderBlocking', blocking, [], blocking.length === 0);
  for (const [i, run] of runs.entries()) {
    const found = lcpElementInHtml(servedHtml, run.lcpElement);
    add(`lcpElementInHtml${runs.length > 1 ? ` (run ${i + 1})` : ''}`, found.why, true, found.ok);
  }
  if (target.noindex) {
    const blocked = runs.every((r) => r.blockedFromIndexing);
    add('noindex', blocked, true, blocked);
  }
  return checks;
}

// A run that names no LCP element cannot be checked for it (see lcpElementAttempts): up to three.
const measured = await measureSites({ runs: 1, dist: options.dist, lcpElementAttempts: 3 });
const results = [];
for (const page of measured) {
  const checks = checksFor(page);
  results.push({ site: page.site, page: page.page, checks });
  const bad = checks.filter((c) => !c.ok);
  const failing = [...new Set(page.runs.flatMap((r) => r.failing))];
  const m = page.runs[0];
  console.log(
    `lighthouse ${page.site} ${page.page.split('?')[0].padEnd(9)} a11y ${m.accessibility} bp ${m['best-practices']} seo ${m.seo}  CLS ${m.cls.toFixed(3)}  ${(m.bytes / 1000).toFixed(1)} kB  LCP element ${m.lcpElement?.selector ?? 'none'}${m.attempts > 1 ? ` (Lighthouse run ${m.attempts} times to name it)` : ''}` +
      (bad.length
        ? `  FAILS ${bad.map((c) => `${c.metric} ${JSON.stringify(c.value)} (want ${JSON.stringify(c.target)})`).join(', ')}`
        : '') +
      (failing.length ? `\n      failing audits: ${failing.join('; ')}` : ''),
  );
}

const checks = results.flatMap((r) => r.checks.map((c) => ({ site: r.site, page: r.page, ...c })));
const failed = checks.filter((c) => !c.ok).length;
if (!options['report-only']) {
  mkdirSync(reports, { recursive: true });
  writeFileSync(
    join(reports, 'lighthouse-landing.json'),
    JSON.stringify({ passed: checks.length - failed, failed, skipped: 0, results }, null, 2),
  );
}
process.exit(failed === 0 || options['report-only'] ? 0 : 1);
