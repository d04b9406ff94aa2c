// Lighthouse 12.8 (mobile preset, simulated throttling) in Debian's Chromium, on production builds
// served by `vite preview`: the one measuring function behind the test (scripts/lighthouse.mjs,
// which checks only what load cannot move) and the benchmark (bench/run.mjs at the repository root,
// which reports the timings beside their targets). Both call measureSites(); neither measures
// any other way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@local-memory/chromium';
import { FsStore, makeDemoRelease, upload } from '@local-memory/download-ops';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { appDir, buildSite, freePort, preview } from './preview-server.mjs';

const DEMO_SECRET = 'DEMO-ONLY-local-memory-download-secret-not-for-production';

/** Categories that must reach 100 (a noindex page's SEO leaves out "blocked from indexing"). */
export const CATEGORIES = ['accessibility', 'best-practices', 'seo'];

/**
 * The sites measured: how each is built and served. A server-mode site (its API started beside
 * it) is one more entry here, and its pages one more entry each in PAGES.
 */
const SITES = {
  browser: { env: { VITE_DOWNLOAD_SECRET: DEMO_SECRET, VITE_DEMO_MODE: 'true' } },
  // Server mode: no secret in the page; the API (with its Stripe stand-in, dynalite and SMTP on
  // loopback) answers the purchase of a paid session created on the stand-in.
  server: {
    env: {
      VITE_FULFILMENT: 'server',
      VITE_STRIPE_CHECKOUT_ENDPOINT: '/api/checkout',
      VITE_DEMO_MODE: 'true',
    },
    async start(siteUrl, downloadStoreDir) {
      const { localApiEntry, startLocalStack } = await import('@local-memory/testkit/local-stack');
      const stack = await startLocalStack({
        apiEntry: localApiEntry(import.meta.url),
        siteUrl,
        downloadStoreDir,
        downloadSecret: DEMO_SECRET,
      });
      const session = stack.standin.createSession({ successUrl: `${siteUrl}/success` });
      return {
        env: { API_ORIGIN: stack.apiOrigin },
        sessionId: session.id,
        stop: () => stack.stop(),
      };
    },
  },
};

/**
 * The pages `npm test` checks. `noindex` pages must be blocked from indexing. `maxBytes` is the
 * page's whole first visit (HTML, CSS, JS, fonts, images, compressed as served): a size, so load
 * cannot move it. `{sessionId}` is the paid session the site's start() created.
 */
export const PAGES = [
  { site: 'browser', page: '/', maxBytes: 110_000 },
  { site: 'browser', page: '/pricing', maxBytes: 110_000 },
  {
    site: 'browser',
    page: '/success?session_id=cs_test_LighthouseDemoSession0001',
    maxBytes: 110_000,
    noindex: true,
  },
  { site: 'browser', page: '/terms', maxBytes: 110_000 },
  { site: 'server', page: '/success?session_id={sessionId}', maxBytes: 110_000, noindex: true },
  // A first visit: the sign-in form, as prerendered (nothing is asked of the API before sign-in).
  { site: 'server', page: '/account', maxBytes: 110_000, noindex: true },
];

/** Every page in both modes: what `npm run bench` times (the server site's other pages too). */
export const ALL_PAGES = [
  ...PAGES,
  ...PAGES.filter((p) => p.site === 'browser' && !p.page.startsWith('/success')).map((p) => ({
    ...p,
    site: 'server',
  })),
];

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** A category's score, leaving out the audits in `skip` (weighted as Lighthouse weighs them). */
function scoreWithout(category, audits, skip) {
  const refs = (category?.auditRefs ?? []).filter(
    (ref) => ref.weight > 0 && !skip.includes(ref.id),
  );
  const total = refs.reduce((sum, ref) => sum + ref.weight, 0);
  const scored = refs.reduce((sum, ref) => sum + ref.weight * (audits[ref.id]?.score ?? 0), 0);
  return total === 0 ? 0 : Math.round((scored / total) * 100);
}

/** The node Lighthouse reports as the largest contentful paint, or null. */
function lcpNode(audits) {
  const list = audits['largest-contentful-paint-element']?.details?.items ?? [];
  for (const part of list) {
    const node = part?.items?.[0]?.node;
    if (node?.type === 'node') return node;
  }
  return null;
}

/** One Lighthouse run's figures: scores, timings, sizes and what the page's structure looked like. */
function figures(lhr, noindex) {
  const { categories, audits } = lhr;
  const skip = noindex ? ['is-crawlable'] : [];
  const node = lcpNode(audits);
  return {
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    ...Object.fromEntries(CATEGORIES.map((id) => [id, scoreWithout(categories[id], audits, skip)])),
    blockedFromIndexing: audits['is-crawlable']?.score === 0,
    largestContentfulPaintMs:
      audits['largest-contentful-paint']?.numericValue ?? Number.POSITIVE_INFINITY,
    firstContentfulPaintMs:
      audits['first-contentful-paint']?.numericValue ?? Number.POSITIVE_INFINITY,
    totalBlockingTimeMs: audits['total-blocking-time']?.numericValue ?? Number.POSITIVE_INFINITY,
    cls: audits['cumulative-layout-shift']?.numericValue ?? Number.POSITIVE_INFINITY,
    layoutShifts: (audits['layout-shifts']?.details?.items ?? []).length,
    bytes: audits['total-byte-weight']?.numericValue ?? Number.POSITIVE_INFINITY,
    renderBlocking: (audits['render-blocking-resources']?.details?.items ?? []).map(
      (item) => item.url,
    ),
    lcpElement: node
      ? { selector: node.selector, snippet: node.snippet, nodeLabel: node.nodeLabel }
      : null,
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? Number.NaN,
    failing: CATEGORIES.flatMap((id) => categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && !skip.includes(ref.id) && (audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => audits[ref.id].title),
  };
}

/** A download store holding the demo release (and its release.json) for now, like `npm start`. */
async function stockedStore() {
  const dir = mkdtempSync(join(tmpdir(), 'lm-lighthouse-store-'));
  const release = join(dir, 'release');
  await makeDemoRelease(release);
  await upload(
    {
      store: new FsStore(join(dir, 'store')),
      secret: DEMO_SECRET,
      prefix: 'downloads',
      now: Math.floor(Date.now() / 1000),
    },
    { releaseDir: release, build: { version: '0.0.0-demo' } },
  );
  return dir;
}

/**
 * Build every site, serve it, and run Lighthouse `runs` times on each of its pages.
 * @param {object} options
 * @param {number} options.runs - Lighthouse runs per page (the medians are over these)
 * @param {Array<object>} [options.pages] - which pages (PAGES, the default, or ALL_PAGES)
 * @param {string} [options.dist] - measure this existing browser-mode build instead (server-mode
 *   pages are then left out)
 * @param {number} [options.lcpElementAttempts] - how often to run Lighthouse again when it names
 *   no LCP element. It names the element through its DOM node, which must still exist when it
 *   asks: on /success React replaces the prerendered node once the page's state changes (the
 *   "checking" frame and the paid frame are different components), and when that node has been
 *   garbage-collected the run names none. The timings of such a run are as good as any.
 * @param {(line: string) => void} [options.progress] - told what is being done
 * @returns {Promise<Array<{ site: string, page: string, target: object, runs: object[],
 *   median: object, servedHtml: string }>>} one entry per page, site by site
 */
export async function measureSites({
  runs,
  pages = PAGES,
  dist,
  lcpElementAttempts = 1,
  progress = () => {},
}) {
  if (!Number.isInteger(runs) || runs < 1)
    throw new RangeError(`runs must be a whole number ≥ 1, got ${runs}`);
  const storeDir = await stockedStore();
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: [...CHROMIUM_ARGS],
  });
  const results = [];
  try {
    for (const [name, site] of Object.entries(SITES)) {
      const targets = pages.filter((t) => t.site === name);
      if (targets.length === 0 || (dist && site.start)) continue;
      const outDir = dist ? resolve(dist) : join(appDir, `dist-lighthouse-${name}`);
      if (!dist) {
        progress(`building the ${name}-mode site`);
        buildSite(outDir, site.env);
      }
      const port = await freePort();
      const started = site.start
        ? await site.start(`http://127.0.0.1:${port}`, join(storeDir, 'store'))
        : { env: {}, sessionId: '', stop: async () => {} };
      const server = await preview(
        outDir,
        { ...site.env, ...started.env, DOWNLOAD_STORE_DIR: join(storeDir, 'store') },
        port,
      );
      try {
        for (const target of targets) {
          const page = target.page.replace('{sessionId}', started.sessionId);
          const all = [];
          for (let run = 0; run < runs; run++) {
            progress(`lighthouse ${name} ${target.page.split('?')[0]} run ${run + 1}/${runs}`);
            let measured;
            for (let attempt = 1; attempt <= lcpElementAttempts; attempt++) {
              const result = await lighthouse(`${server.origin}${page}`, {
                port: chrome.port,
                output: 'json',
                logLevel: 'error',
                onlyCategories: ['performance', ...CATEGORIES],
              });
              measured = { ...figures(result.lhr, target.noindex), attempts: attempt };
              if (measured.lcpElement !== null) break;
            }
            all.push(measured);
          }
          // The HTML as served, before any script: what the LCP and render-blocking checks read.
          const servedHtml = await (await fetch(`${server.origin}${page}`)).text();
          const numeric = Object.keys(all[0]).filter((k) => typeof all[0][k] === 'number');
          results.push({
            site: name,
            page: target.page,
            target,
            runs: all,
            median: Object.fromEntries(numeric.map((k) => [k, median(all.map((r) => r[k]))])),
            servedHtml,
          });
        }
      } finally {
        server.stop();
        await started.stop();
        if (!dist) rmSync(outDir, { recursive: true, force: true });
      }
    }
  } finally {
    await chrome.kill();
    rmSync(storeDir, { recursive: true, force: true });
  }
  return results;
}
