#!/usr/bin/env node
// Performance budget: the JavaScript a first visit to each route downloads, gzip -9, from the
// production build's manifest (entry chunk + its static imports + the route's lazy chunk and its
// static imports). Also checks that Stripe.js's loader is in no route's first-visit set, and that
// the deploy folder holds no source maps and no .vite/ (the build moves both to sourcemaps/dist/).
// Prints a table, writes reports/budget-landing.json, exits 1 when a budget is exceeded.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const reports = join(here, '..', '..', '..', 'reports');
const manifestPath = join(here, '..', 'sourcemaps', 'dist', '.vite', 'manifest.json');

// Bytes (1 kB = 1000 B), the targets, enforced. `chain` lists the modules a first visit
// imports dynamically, in order, after the entry: the entry only lets the prerendered page paint,
// then loads start.tsx (React); /success renders the standalone Success page (no router); the
// other routes load the routed app, then their lazy page.
const routed = (route, page) => ({
  route,
  chain: ['src/app/start.tsx', 'src/app/App.tsx', `src/pages/${page}.tsx`],
  budget: 85_000,
});
const ROUTES = [
  { route: '/success', chain: ['src/app/start.tsx', 'src/app/SuccessApp.tsx'], budget: 75_000 },
  routed('/', 'HomePage'),
  routed('/pricing', 'PricingPage'),
  routed('/terms', 'LegalPage'),
  routed('404', 'NotFoundPage'),
  routed('/docs/setup', 'SetupGuidePage'),
  routed('/account', 'AccountPage'),
];
const PRODUCTION_SINGLE_CHUNK = 292_000;

if (!existsSync(manifestPath)) {
  console.error('budget: no build found; run `npm run build` in apps/landing first');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
if (!entry) {
  console.error('budget: the manifest has no entry chunk');
  process.exit(1);
}

function staticClosure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(imported, seen);
  return seen;
}

const gzipCache = new Map();
function gzipBytes(file) {
  if (!gzipCache.has(file)) {
    gzipCache.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length);
  }
  return gzipCache.get(file);
}

const results = [];
for (const { route, chain, budget } of ROUTES) {
  const missing = chain.filter((key) => !manifest[key]?.isDynamicEntry);
  if (missing.length > 0) {
    console.error(`budget: ${missing.join(', ')} is not a lazily loaded chunk of its own`);
    process.exit(1);
  }
  const keys = new Set(
    [staticClosure(entry[0]), ...chain.map((key) => staticClosure(key))].flatMap((set) => [...set]),
  );
  const files = [...keys].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
  const gzip = files.reduce((sum, f) => sum + gzipBytes(f), 0);
  const stripe = [...keys].filter((k) => k.includes('@stripe'));
  results.push({
    route,
    files,
    gzip,
    budget,
    ok: gzip <= budget && stripe.length === 0,
    stripe,
  });
}

console.log('First-visit JavaScript per route (gzip -9):');
for (const r of results) {
  const verdict = r.ok ? 'ok' : 'OVER BUDGET';
  console.log(
    `  ${r.route.padEnd(10)} ${(r.gzip / 1000).toFixed(1).padStart(6)} kB  budget ${(r.budget / 1000).toFixed(0)} kB  ${verdict}  (${r.files.length} files)` +
      (r.stripe.length ? `  (Stripe.js loader on first visit: ${r.stripe.join(', ')})` : ''),
  );
}
const success = results[0];
console.log(
  `  /success loads ${(PRODUCTION_SINGLE_CHUNK / success.gzip).toFixed(1)}× less JavaScript than the production site's single 292 kB chunk.`,
);

const leaked = readdirSync(dist, { recursive: true }).filter(
  (f) => String(f).endsWith('.map') || String(f).split(/[\\/]/)[0] === '.vite',
);
results.push({ route: 'deploy folder', files: leaked, ok: leaked.length === 0 });
if (leaked.length > 0) console.log(`  the deploy folder holds ${leaked.join(', ')}: OVER BUDGET`);

mkdirSync(reports, { recursive: true });
const failed = results.filter((r) => !r.ok).length;
writeFileSync(
  join(reports, 'budget-landing.json'),
  JSON.stringify({ passed: results.length - failed, failed, skipped: 0, results }, null, 2),
);
process.exit(failed === 0 ? 0 : 1);
