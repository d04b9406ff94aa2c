#!/usr/bin/env node
// Lighthouse (mobile preset, simulated throttling) in Debian's Chromium for / and /success, on a
// production build with the labelled demo secret served by `vite preview`. Prints the four
// category scores per page and writes reports/lighthouse-landing.json, one check per page and
// category against the targets: performance ≥ 95, accessibility, best practices and SEO = 100.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs';
import { appDir, buildSite, preview } from './preview-server.mjs';

const DEMO_SECRET = 'DEMO-ONLY-local-memory-download-secret-not-for-production';
const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
const PAGES = ['/', '/success?session_id=cs_test_LighthouseDemoSession0001'];
const reports = join(appDir, '..', '..', 'reports');
const outDir = join(appDir, 'dist-lighthouse');

buildSite(outDir, { VITE_DOWNLOAD_SECRET: DEMO_SECRET, VITE_DEMO_MODE: 'true' });
const server = await preview(outDir);
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: [...CHROMIUM_ARGS],
});
const checks = [];
try {
  for (const page of PAGES) {
    const result = await lighthouse(`${server.origin}${page}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: Object.keys(TARGETS),
    });
    const categories = result?.lhr.categories ?? {};
    const row = [];
    for (const [id, target] of Object.entries(TARGETS)) {
      const score = Math.round((categories[id]?.score ?? 0) * 100);
      checks.push({ page, category: id, score, target, ok: score >= target });
      row.push(`${id} ${score}${score >= target ? '' : ` (target ${target})`}`);
      if (score < target) {
        for (const ref of categories[id]?.auditRefs ?? []) {
          const audit = result.lhr.audits[ref.id];
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
            row.push(`\n      ${audit.title}: ${audit.displayValue ?? ''} (score ${audit.score})`);
          }
        }
      }
    }
    console.log(`lighthouse ${page.split('?')[0]}: ${row.join(', ')}`);
  }
} finally {
  await chrome.kill();
  server.stop();
  rmSync(outDir, { recursive: true, force: true });
}

mkdirSync(reports, { recursive: true });
const failed = checks.filter((c) => !c.ok).length;
writeFileSync(
  join(reports, 'lighthouse-landing.json'),
  JSON.stringify({ passed: checks.length - failed, failed, skipped: 0, checks }, null, 2),
);
process.exit(failed === 0 ? 0 : 1);
