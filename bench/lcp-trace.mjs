#!/usr/bin/env node
// Why a page's LCP is what it is, from Lighthouse's own trace and Lantern graph (a diagnostic, never
// a gate). Lighthouse 12.8 as apps/landing/scripts/lighthouse-measure.mjs runs it (mobile, simulated
// throttling), then per run: the LCP element and its phases, the observed FCP and every LCP
// candidate (size, time), the observed requests and early main-thread tasks, and with --verbose the
// nodes of Lantern's optimistic and pessimistic FCP and LCP graphs with their simulated start and
// end (what the metric is made of), and the long tasks TBT is made of (with --verbose, script
// time per script too). Builds are named variants, served side by side, so two builds
// are measured interleaved (A/B in the same minute); the medians give LCP−FCP too, the gap that
// load moves least.
//
//   node bench/lcp-trace.mjs build NAME            # browser- and server-mode builds of this checkout
//   node bench/lcp-trace.mjs measure --runs 3 [--pages /,/pricing] [--verbose] NAME...
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const landing = join(root, 'apps', 'landing');
const imp = (p) => import(pathToFileURL(join(landing, p)).href);
const { appDir, buildSite, freePort, preview } = await imp('scripts/preview-server.mjs');
const { FsStore, makeDemoRelease, upload } = await import('@local-memory/download-ops');
const chromeLauncher = await import('chrome-launcher');
const { default: lighthouse } = await import('lighthouse');
const lhDir = join(root, 'node_modules', 'lighthouse', 'core', 'computed');
const { LanternFirstContentfulPaint } = await import(
  pathToFileURL(join(lhDir, 'metrics', 'lantern-first-contentful-paint.js')).href
);
const { LanternLargestContentfulPaint } = await import(
  pathToFileURL(join(lhDir, 'metrics', 'lantern-largest-contentful-paint.js')).href
);
const { LanternTotalBlockingTime } = await import(
  pathToFileURL(join(lhDir, 'metrics', 'lantern-total-blocking-time.js')).href
);
const { LanternInteractive } = await import(
  pathToFileURL(join(lhDir, 'metrics', 'lantern-interactive.js')).href
);
const { MainThreadTasks } = await import(pathToFileURL(join(lhDir, 'main-thread-tasks.js')).href);
const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('@local-memory/chromium');

const SECRET = 'DEMO-ONLY-local-memory-download-secret-not-for-production';
const ENV = {
  browser: { VITE_DOWNLOAD_SECRET: SECRET, VITE_DEMO_MODE: 'true' },
  server: {
    VITE_FULFILMENT: 'server',
    VITE_STRIPE_CHECKOUT_ENDPOINT: '/api/checkout',
    VITE_DEMO_MODE: 'true',
  },
};
const PAGES = {
  browser: ['/', '/pricing', '/terms', '/success?session_id=cs_test_LighthouseDemoSession0001'],
  server: ['/', '/pricing', '/terms', '/success?session_id={sessionId}'],
};
const distOf = (name, site) => join(appDir, `dist-lcp-${name}-${site}`);

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    pages: { type: 'string' },
    sites: { type: 'string', default: 'browser,server' },
    verbose: { type: 'boolean', default: false },
    // `bench`: each page's runs back to back, pages in --pages order (as bench/run.mjs does),
    // instead of interleaved.
    order: { type: 'string', default: 'interleaved' },
    json: { type: 'string' },
    // Each run's trace as DIR/<site>-<page>-<name>-<run>.json, for a closer look.
    traces: { type: 'string' },
    // Record V8's sampling profiler in the trace (it slows the page: for finding, not measuring)
    // and print the functions that ran longest inside the main thread's tasks of 10 ms or more.
    profile: { type: 'boolean', default: false },
  },
});
const [command, ...names] = positionals;
const sites = opts.sites.split(',');

if (command === 'build') {
  for (const site of sites) {
    process.stderr.write(`building ${names[0]} ${site}\n`);
    buildSite(distOf(names[0], site), ENV[site]);
  }
  process.exit(0);
}
if (command !== 'measure' || names.length === 0) {
  process.stderr.write('usage: lcp-trace.mjs build NAME | measure [--runs N] NAME...\n');
  process.exit(2);
}
if (opts.order !== 'interleaved' && opts.order !== 'bench') {
  process.stderr.write(`lcp-trace: --order is interleaved or bench, not ${opts.order}\n`);
  process.exit(2);
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const ms = (v) => (v === undefined || v === null ? '   -' : String(Math.round(v)).padStart(5));
const short = (url) => url.replace(/^https?:\/\/[^/]+/, '').slice(0, 60);

/** The CPU node's summary: what it evaluated, laid out and painted. */
function cpuLabel(node) {
  const names = new Map();
  for (const e of node.childEvents) names.set(e.name, (names.get(e.name) ?? 0) + 1);
  const scripts = node.getEvaluateScriptURLs?.() ?? new Set();
  const keep = ['ParseHTML', 'Layout', 'Paint', 'EvaluateScript', 'FunctionCall', 'TimerFire'];
  const what =
    keep.filter((n) => names.has(n)).join('+') ||
    [...names.keys()]
      .filter((n) => !n.startsWith('v8'))
      .slice(0, 6)
      .join(',');
  return `cpu ${Math.round((node.endTime - node.startTime) / 1000)}ms ${what} ${[...scripts].map(short).join(' ')}`;
}

function describeEstimate(label, estimate) {
  const rows = [...estimate.nodeTimings.entries()]
    .map(([node, t]) => ({ node, ...t }))
    .sort((a, b) => a.startTime - b.startTime);
  const lines = rows.map(
    ({ node, startTime, endTime }) =>
      `      ${ms(startTime)} → ${ms(endTime)}  ${
        node.type === 'network'
          ? `net ${node.request.priority} ${node.request.resourceType} ${short(node.request.url)}`
          : cpuLabel(node)
      }`,
  );
  return [`    ${label}: ${Math.round(estimate.timeInMs)} ms`, ...lines].join('\n');
}

/**
 * What Lantern's TBT is made of: each simulated CPU task of 50 ms or more, clipped to FCP…TTI as
 * Lighthouse clips it, with its blocking time in the optimistic and pessimistic estimates (TBT is
 * their mean; the optimistic one starts at the pessimistic FCP and the pessimistic one at the
 * optimistic FCP) and what ran in it.
 */
function tbtBreakdown(tbt, fcp, tti) {
  const parts = [
    [
      'opt',
      tbt.optimisticEstimate,
      fcp.pessimisticEstimate.timeInMs,
      tti.optimisticEstimate.timeInMs,
    ],
    [
      'pess',
      tbt.pessimisticEstimate,
      fcp.optimisticEstimate.timeInMs,
      tti.pessimisticEstimate.timeInMs,
    ],
  ];
  return parts.flatMap(([label, estimate, from, to]) =>
    [...estimate.nodeTimings.entries()]
      .filter(([node, t]) => node.type === 'cpu' && t.duration >= 50)
      .map(([node, t]) => {
        const clipped = Math.min(t.endTime, to) - Math.max(t.startTime, from);
        const blocking = clipped >= 50 ? clipped - 50 : 0;
        return `${label} ${ms(t.startTime)}+${Math.round(t.duration)} (FCP ${Math.round(from)}) blocks ${Math.round(blocking)}: ${cpuLabel(node)}`;
      }),
  );
}

/** The main frame's navigationStart event in a trace's events, if any. */
function mainFrameNavigation(events) {
  return events.find(
    (e) =>
      e.name === 'navigationStart' &&
      e.args?.data?.isLoadingMainFrame &&
      e.args.data.documentLoaderURL,
  );
}

/**
 * Self time per function (name, script, line) in the renderer main thread's samples that fall in
 * its top-level tasks of 10 ms or more after navigation start, longest first.
 */
function profileSummary(trace, top = 25) {
  const events = trace.traceEvents;
  const nav = mainFrameNavigation(events);
  if (!nav) return ['no navigationStart in the trace'];
  const long = events.filter(
    (e) =>
      e.pid === nav.pid &&
      e.tid === nav.tid &&
      e.name === 'RunTask' &&
      e.ts >= nav.ts &&
      e.dur >= 10_000,
  );
  const profile = events.find(
    (e) => e.name === 'Profile' && e.pid === nav.pid && e.tid === nav.tid,
  );
  if (!profile) return ['no profile on the main thread (is the profiler category on?)'];
  const nodes = new Map();
  let time = profile.args.data.startTime;
  const self = new Map();
  for (const chunk of events) {
    if (chunk.name !== 'ProfileChunk' || chunk.id !== profile.id || chunk.pid !== nav.pid) continue;
    const { cpuProfile = {}, timeDeltas = [] } = chunk.args.data;
    for (const node of cpuProfile.nodes ?? []) nodes.set(node.id, node);
    (cpuProfile.samples ?? []).forEach((id, i) => {
      const previous = time;
      time += timeDeltas[i] ?? 0;
      if (!long.some((t) => time >= t.ts && time < t.ts + t.dur)) return;
      const f = nodes.get(id)?.callFrame ?? {};
      const key = `${f.functionName || '(anonymous)'} ${short(f.url ?? '')}:${(f.lineNumber ?? 0) + 1}:${(f.columnNumber ?? 0) + 1}`;
      self.set(key, (self.get(key) ?? 0) + (time - previous) / 1000);
    });
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, msSelf]) => `${msSelf.toFixed(1)} ms ${key}`);
}

/**
 * The observed (unthrottled) top-level tasks of 10 ms or more, anywhere in the trace, each with
 * what ran in it (event names of its children, the function or script): what to split or defer
 * when TBT is high. Lighthouse's simulated long tasks are these, slowed down.
 */
function observedTasks(tasks) {
  const describe = (node, depth) => {
    const d = node.event.args?.data ?? {};
    const what = d.functionName || d.url || d.stackTrace?.[0]?.functionName || '';
    const label = `${node.event.name}${what ? `(${short(String(what))})` : ''} ${Math.round(node.duration)}`;
    const children = [...node.children]
      .sort((x, y) => y.duration - x.duration)
      .filter((c) => c.duration >= 2)
      .slice(0, 3);
    return depth === 0 || children.length === 0
      ? label
      : `${label} [${children.map((c) => describe(c, depth - 1)).join(', ')}]`;
  };
  return tasks
    .filter((t) => !t.parent && t.duration >= 10)
    .map(
      (t) =>
        `${Math.round(t.startTime)}+${Math.round(t.duration)} ${t.group.id} ${t.children.map((c) => describe(c, 2)).join(' ')}`,
    );
}

/** Observed paint events from the trace, relative to navigation start. */
function observedPaints(trace) {
  const events = trace.traceEvents;
  const nav = mainFrameNavigation(events);
  const t0 = nav?.ts ?? 0;
  const fcp = events.find((e) => e.name === 'firstContentfulPaint');
  const lcps = events
    .filter((e) => e.name === 'largestContentfulPaint::Candidate')
    .map((e) => ({
      at: (e.ts - t0) / 1000,
      size: e.args.data.size,
      type: e.args.data.type,
      nodeName: e.args.data.nodeName,
      index: e.args.data.candidateIndex,
    }));
  return { fcp: fcp ? (fcp.ts - t0) / 1000 : undefined, lcps };
}

async function inspect(url, port, saveAs) {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance'],
    ...(opts.profile ? { additionalTraceCategories: 'disabled-by-default-v8.cpu_profiler' } : {}),
  });
  const { lhr, artifacts } = result;
  if (saveAs) writeFileSync(saveAs, JSON.stringify(artifacts.Trace));
  const settings = lhr.configSettings;
  const data = {
    trace: artifacts.Trace,
    devtoolsLog: artifacts.DevtoolsLog,
    gatherContext: artifacts.GatherContext,
    settings,
    simulator: null,
    URL: artifacts.URL,
    SourceMaps: artifacts.SourceMaps,
  };
  const context = { computedCache: new Map(), settings };
  const tasks = await MainThreadTasks.request(artifacts.Trace, context);
  const fcp = await LanternFirstContentfulPaint.request(data, context);
  const lcp = await LanternLargestContentfulPaint.request(data, context);
  const tbt = await LanternTotalBlockingTime.request(data, context);
  const tti = await LanternInteractive.request(data, context);
  const a = lhr.audits;
  const el = a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
  const phases = a['largest-contentful-paint-element']?.details?.items?.[1]?.items ?? [];
  return {
    perf: Math.round(lhr.categories.performance.score * 100),
    fcp: a['first-contentful-paint'].numericValue,
    lcp: a['largest-contentful-paint'].numericValue,
    tbt: a['total-blocking-time'].numericValue,
    cls: a['cumulative-layout-shift'].numericValue,
    bi: lhr.environment.benchmarkIndex,
    element: el ? `${el.selector} ${el.boundingRect?.width}x${el.boundingRect?.height}` : 'none',
    phases: phases.map((p) => `${p.phase ?? p.label} ${Math.round(p.timing)}`).join(', '),
    renderBlocking: (a['render-blocking-resources']?.details?.items ?? []).map((i) => short(i.url)),
    observed: observedPaints(artifacts.Trace),
    lantern: { fcp, lcp },
    dom: a['dom-size']?.numericValue,
    requests: (a['network-requests']?.details?.items ?? []).map(
      (i) =>
        `${Math.round(i.networkRequestTime)}→${Math.round(i.networkEndTime)} ${i.priority} ${i.resourceType} ${short(i.url)} ${i.protocol}`,
    ),
    mainThread: (a['main-thread-tasks']?.details?.items ?? [])
      .filter((t) => t.startTime < 400)
      .map((t) => `${Math.round(t.startTime)}+${Math.round(t.duration)}`),
    // What TBT is made of: Lighthouse's long tasks (simulated) with the script it blames, and
    // the script evaluation and compile time per script.
    longTasks: (a['long-tasks']?.details?.items ?? []).map(
      (t) => `${Math.round(t.startTime)}+${Math.round(t.duration)} ${short(t.url)}`,
    ),
    observedLongTasks: observedTasks(tasks),
    tbtTasks: tbtBreakdown(tbt, fcp, tti),
    profile: opts.profile ? profileSummary(artifacts.Trace) : [],
    bootup: (a['bootup-time']?.details?.items ?? []).map(
      (i) =>
        `${short(i.url)} script ${Math.round(i.scripting)} parse ${Math.round(i.scriptParseCompile)}`,
    ),
  };
}

async function stockedStore() {
  const dir = mkdtempSync(join(tmpdir(), 'lm-lcp-store-'));
  await makeDemoRelease(join(dir, 'release'));
  await upload(
    {
      store: new FsStore(join(dir, 'store')),
      secret: SECRET,
      prefix: 'downloads',
      now: Math.floor(Date.now() / 1000),
    },
    { releaseDir: join(dir, 'release'), build: { version: '0.0.0-demo' } },
  );
  return dir;
}

const runs = Number(opts.runs);
const pageFilter = opts.pages?.split(',');
const store = await stockedStore();
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: [...CHROMIUM_ARGS],
});
const servers = [];
const all = [];
const cleanUp = async () => {
  await chrome.kill();
  for (const s of servers) await s.stop();
  rmSync(store, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => cleanUp().finally(() => process.exit(130)));
try {
  // One server (and for server mode one local stack) per variant and site.
  const targets = [];
  for (const site of sites) {
    for (const name of names) {
      const port = await freePort();
      const origin = `http://127.0.0.1:${port}`;
      let env = {};
      let sessionId = '';
      if (site === 'server') {
        const { localApiEntry, startLocalStack } = await import(
          '@local-memory/testkit/local-stack'
        );
        const stack = await startLocalStack({
          apiEntry: localApiEntry(
            pathToFileURL(join(root, 'apps', 'landing', 'package.json')).href,
          ),
          siteUrl: origin,
          downloadStoreDir: join(store, 'store'),
          downloadSecret: SECRET,
        });
        servers.push({ stop: () => stack.stop() });
        sessionId = stack.standin.createSession({ successUrl: `${origin}/success` }).id;
        env = { API_ORIGIN: stack.apiOrigin };
      }
      const server = await preview(
        distOf(name, site),
        { ...ENV[site], ...env, DOWNLOAD_STORE_DIR: join(store, 'store') },
        port,
      );
      servers.push({ stop: async () => server.stop() });
      for (const page of PAGES[site]) {
        const path = page.split('?')[0];
        if (pageFilter && !pageFilter.includes(path)) continue;
        targets.push({
          site,
          name,
          path,
          url: `${origin}${page.replace('{sessionId}', sessionId)}`,
        });
      }
    }
  }
  // Interleaved (the default): every variant of a page back to back, so both see the same load.
  const sorted = [...targets].sort((a, b) => (a.site + a.path).localeCompare(b.site + b.path));
  const schedule =
    opts.order === 'bench'
      ? targets
          .sort((a, b) =>
            pageFilter ? pageFilter.indexOf(a.path) - pageFilter.indexOf(b.path) : 0,
          )
          .flatMap((t) => Array.from({ length: runs }, (_, run) => ({ t, run })))
      : Array.from({ length: runs }, (_, run) => sorted.map((t) => ({ t, run }))).flat();
  for (const { t, run } of schedule) {
    const load = loadavg();
    const saveAs =
      opts.traces &&
      join(
        opts.traces,
        `${t.site}-${t.path.replace(/\W/g, '') || 'home'}-${t.name}-${run + 1}.json`,
      );
    const r = await inspect(t.url, chrome.port, saveAs);
    all.push({ ...t, run, load, ...r });
    const o = r.observed;
    process.stdout.write(
      `${t.site.padEnd(7)} ${t.path.padEnd(9)} ${t.name.padEnd(6)} run ${run + 1} load ${load} bi ${Math.round(r.bi)} | perf ${r.perf} LCP ${ms(r.lcp)} FCP ${ms(r.fcp)} TBT ${ms(r.tbt)} CLS ${r.cls.toFixed(3)} dom ${r.dom}\n` +
        `    LCP element: ${r.element}; phases: ${r.phases}; render-blocking: ${r.renderBlocking.join(' ') || 'none'}\n` +
        `    observed FCP ${ms(o.fcp)}; LCP candidates: ${o.lcps.map((c) => `#${c.index} ${c.type} ${c.nodeName ?? ''} ${c.size}px² @${Math.round(c.at)}`).join('; ')}\n` +
        `    long tasks: ${r.longTasks.join('; ') || 'none'}\n` +
        `    TBT tasks: ${r.tbtTasks.join('\n      ') || 'none'}\n` +
        (opts.profile
          ? `    self time in tasks ≥10ms:\n      ${r.profile.join('\n      ')}\n`
          : ''),
    );
    if (opts.verbose) {
      const { fcp, lcp } = r.lantern;
      process.stdout.write(
        `    observed requests: ${r.requests.join('; ')}\n    observed tasks <400ms: ${r.mainThread.join(' ')}\n    bootup: ${r.bootup.join('; ')}\n    observed tasks ≥10ms: ${r.observedLongTasks.join('\n      ')}\n`,
      );
      process.stdout.write(
        `${[
          describeEstimate('FCP optimistic', fcp.optimisticEstimate),
          describeEstimate('FCP pessimistic', fcp.pessimisticEstimate),
          describeEstimate('LCP optimistic', lcp.optimisticEstimate),
          describeEstimate('LCP pessimistic', lcp.pessimisticEstimate),
        ].join('\n')}\n`,
      );
    }
  }
} finally {
  await cleanUp();
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const groups = new Map();
for (const r of all) {
  const key = `${r.site} ${r.path} ${r.name}`;
  groups.set(key, [...(groups.get(key) ?? []), r]);
}
process.stdout.write('\nmedians\n');
for (const [key, rs] of groups) {
  process.stdout.write(
    `${key.padEnd(28)} perf ${median(rs.map((r) => r.perf))} LCP ${ms(median(rs.map((r) => r.lcp)))} FCP ${ms(median(rs.map((r) => r.fcp)))} TBT ${ms(median(rs.map((r) => r.tbt)))} CLS ${median(rs.map((r) => r.cls)).toFixed(3)} LCP−FCP ${ms(median(rs.map((r) => r.lcp - r.fcp)))} (n=${rs.length}, load ${rs.map((r) => r.load.split(' ')[0]).join('/')})\n`,
  );
}
if (opts.json)
  writeFileSync(
    opts.json,
    JSON.stringify(
      all.map(({ lantern, ...r }) => r),
      null,
      2,
    ),
  );
