// `npm start` at the repository root: the storefront as buyers get it, in SERVER mode, end to end
// on this machine.
//  1. writes four clearly labelled DEMO ZIPs and uploads them, with the download-ops library, to a
//     local folder store laid out exactly like S3 (`.demo-downloads/downloads/{window}/{hash}/…`)
//     for the current and next 12-hour windows; re-done every hour so downloads keep working;
//  2. starts the API's local stack (@local-memory/testkit/local-stack: a Stripe stand-in, dynalite,
//     an SMTP server and the API) with the DEMO secret, serving downloads from that store;
//  3. builds the production site (prerendered pages, no secret in server mode) into dist-start/
//     and serves it with `vite preview`, which sends the production headers
//     (@local-memory/site-policy) and proxies /api to the API; then watches the site's sources and
//     rebuilds (into dist-start-next/, swapped in when the build succeeds) a moment after a change;
//  4. prints every email the API sends (the license key email) as it arrives.
// `npm run dev` (or `node scripts/demo.mjs --dev`) runs the same stack behind the Vite dev server
// with hot reload instead: unbundled modules, no prerendering, no CSP.
// `DEMO_FULFILMENT=browser npm start` (or `--browser`) runs the older in-browser demo.
// The demo secret is public and labelled as such; never use it for a real deployment.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, renameSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoAmountEnv, SUPPORT } from '@local-memory/catalog';
import { FsStore, makeDemoRelease, upload } from '@local-memory/download-ops';
import { localApiEntry, startLocalStack } from '@local-memory/testkit/local-stack';
import { appDir, buildSiteInBackground, preview } from './preview-server.mjs';

export const DEMO_SECRET = 'DEMO-ONLY-local-memory-download-secret-not-for-production';
const storeDir = process.env.DOWNLOAD_STORE_DIR ?? join(appDir, '.demo-downloads');
const port = Number(process.env.PORT ?? 5173);
const HOUR_MS = 3_600_000;
const API_ENTRY = localApiEntry(import.meta.url);
const dev = process.argv.includes('--dev');
/** What a change to which a rebuild answers; anything else (tests, docs) is ignored. */
const SOURCES = ['src', 'public', 'vite-plugins', 'index.html', 'vite.config.ts'];
const REBUILD_AFTER_MS = 400;

if (!['browser', 'server'].includes(process.env.DEMO_FULFILMENT ?? 'server')) {
  process.stderr.write('demo: DEMO_FULFILMENT must be "server" (the default) or "browser"\n');
  process.exit(2);
}
const fulfilment =
  process.argv.includes('--browser') || process.env.DEMO_FULFILMENT === 'browser'
    ? 'browser'
    : 'server';

async function stockStore() {
  const release = mkdtempSync(join(tmpdir(), 'lm-demo-release-'));
  try {
    await makeDemoRelease(release);
    const result = await upload(
      {
        store: new FsStore(storeDir),
        secret: DEMO_SECRET,
        prefix: 'downloads',
        now: Math.floor(Date.now() / 1000),
      },
      { releaseDir: release, build: { version: '0.0.0-demo' } },
    );
    return result;
  } finally {
    rmSync(release, { recursive: true, force: true });
  }
}

function sampleSessionId() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return `cs_test_demo${[...randomBytes(24)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

const stocked = await stockStore();
process.stdout.write(
  `demo: download store ${storeDir} holds windows ${stocked.windows.join(' and ')} (${stocked.uploaded.length} objects written, ${stocked.unchanged.length} already there)\n`,
);
const restock = setInterval(() => {
  stockStore().catch((error) => {
    process.stderr.write(`demo: could not refresh the download store: ${error.message}\n`);
  });
}, HOUR_MS);

const origin = `http://127.0.0.1:${port}`;
let stack = null;
if (fulfilment === 'server') {
  if (!existsSync(API_ENTRY)) {
    clearInterval(restock);
    process.stderr.write(
      `demo: ${API_ENTRY} is missing: server mode needs the API built. Build it with \`npx turbo run build --filter=@local-memory/api\`, or run the in-browser demo with \`npm start -- --browser\`.\n`,
    );
    process.exit(1);
  }
  try {
    stack = await startLocalStack({
      apiEntry: API_ENTRY,
      siteUrl: origin,
      downloadStoreDir: storeDir,
      downloadSecret: DEMO_SECRET,
    });
  } catch (error) {
    clearInterval(restock);
    process.stderr.write(`demo: the local API stack did not start: ${error.message}\n`);
    process.exit(1);
  }
}

const env =
  fulfilment === 'server'
    ? {
        VITE_FULFILMENT: 'server',
        // The page holds no secret in server mode; an inherited one would fail the build.
        VITE_DOWNLOAD_SECRET: '',
        VITE_DEMO_MODE: 'false',
        VITE_STRIPE_CHECKOUT_ENDPOINT: '/api/checkout',
        VITE_STRIPE_PAYMENT_LINK: '',
        API_ORIGIN: stack.apiOrigin,
        // A production build names the price and the operator; these say plainly that this is a
        // local run (the price is what the stand-in pretends to charge; nothing is charged).
        ...(dev
          ? {}
          : {
              // Every edition's demo amount (VITE_PRICE: 49.00 USD, …).
              ...demoAmountEnv(),
              VITE_LEGAL_NAME: 'Local Memory, run on this machine (not a company)',
              VITE_LEGAL_ADDRESS: '127.0.0.1 (a local run has no postal address)',
              VITE_REFUND_DAYS: '30',
              VITE_SUPPORT_EMAIL: SUPPORT.defaultEmail,
            }),
      }
    : { VITE_FULFILMENT: 'browser', VITE_DOWNLOAD_SECRET: DEMO_SECRET, VITE_DEMO_MODE: 'true' };

const say = (line) => process.stdout.write(`demo: ${line}\n`);
const site = dev ? startDevServer() : await startProductionSite();

/** The Vite dev server (hot reload, unbundled modules), as a child process. */
function startDevServer() {
  const child = spawn(
    join(appDir, 'node_modules', '.bin', 'vite'),
    ['--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      cwd: appDir,
      stdio: 'inherit',
      env: { ...process.env, ...env, DOWNLOAD_STORE_DIR: storeDir },
    },
  );
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? 0 : code)),
  );
  return {
    stop: () => child.exitCode === null && child.kill('SIGTERM'),
    exited,
    ready: waitFor(() => child.exitCode === null),
    running: () => child.exitCode === null,
  };
}

/** Wait until the site answers, or until `alive()` says its server has gone. */
async function waitFor(alive) {
  while (alive()) {
    if (
      await fetch(`${origin}/robots.txt`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The production build served by `vite preview`, rebuilt when a source changes. A rebuild goes to
 * a folder beside the live one and is swapped in only when it succeeds, so the site never
 * serves half a build, and a failed build leaves the last good one up.
 */
async function startProductionSite() {
  const live = join(appDir, 'dist-start');
  const next = join(appDir, 'dist-start-next');
  // The build's facts (inline-style hashes for the CSP) live beside the folder, by its name.
  const facts = (dir) => join(appDir, 'sourcemaps', dir.split('/').pop());
  const started = Date.now();
  say(`building the production site (${fulfilment} mode)…`);
  try {
    await buildSiteInBackground(live, env);
  } catch (error) {
    await stopStack();
    process.stderr.write(`demo: ${error.message}\n`);
    process.exit(1);
  }
  say(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const server = await preview(live, { ...env, DOWNLOAD_STORE_DIR: storeDir }, port);

  let timer = null;
  let building = false;
  let again = false;
  async function rebuild() {
    if (building) {
      again = true;
      return;
    }
    building = true;
    const began = Date.now();
    say('a source changed: rebuilding…');
    try {
      await buildSiteInBackground(next, env);
      for (const [from, to] of [
        [next, live],
        [facts(next), facts(live)],
      ]) {
        rmSync(to, { recursive: true, force: true });
        renameSync(from, to);
      }
      say(`rebuilt in ${((Date.now() - began) / 1000).toFixed(1)} s; reload the page`);
    } catch (error) {
      process.stderr.write(
        `demo: the rebuild failed; still serving the last good build\n${error.message}\n`,
      );
    } finally {
      building = false;
      if (again) {
        again = false;
        void rebuild();
      }
    }
  }
  const watchers = SOURCES.filter((name) => existsSync(join(appDir, name))).map((name) =>
    watch(join(appDir, name), { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void rebuild(), REBUILD_AFTER_MS);
    }),
  );
  let up = true;
  void server.exited.then(() => {
    up = false;
  });
  return {
    running: () => up,
    stop: () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      server.stop();
    },
    exited: server.exited,
    ready: Promise.resolve(),
  };
}

await site.ready;
if (site.running() && fulfilment === 'server')
  process.stdout.write(
    [
      '',
      'demo: Local Memory storefront in SERVER mode (keys only after the Stripe stand-in says "paid";',
      'demo: no real payment is taken, and the download secret is a public demo secret)',
      `demo:   site          ${origin}/  (${dev ? 'Vite dev server, hot reload' : 'production build, rebuilt when src/ changes'})`,
      `demo:   buy           ${origin}/pricing  → the stand-in's pay page → /success`,
      `demo:   purchases     ${origin}/account  (its sign-in links are among the emails below)`,
      `demo:   API           ${stack.apiOrigin}  (proxied at ${origin}/api)`,
      `demo:   Stripe        ${stack.stripeOrigin}  (stand-in)`,
      'demo: emails the API sends are printed below; press Ctrl+C to stop',
      '',
    ].join('\n'),
  );
else if (site.running())
  process.stdout.write(
    [
      '',
      'demo: Local Memory storefront (DEMO: no payment is taken; the secret is a public demo secret)',
      `demo:   site          ${origin}/  (${dev ? 'Vite dev server, hot reload' : 'production build, rebuilt when src/ changes'})`,
      `demo:   buy           ${origin}/pricing`,
      `demo:   a purchase    ${origin}/success?session_id=${sampleSessionId()}`,
      'demo: press Ctrl+C to stop',
      '',
    ].join('\n'),
  );

/** Print a mail the local SMTP server received: what the buyer would find in their inbox. */
function printMail(mail) {
  process.stdout.write(
    [
      '',
      '───── demo: email ─────',
      `To:      ${mail.to}`,
      `Subject: ${mail.subject}`,
      '',
      String(mail.text ?? '').trimEnd(),
      '───────────────────────',
      '',
    ].join('\n'),
  );
}
if (stack !== null) stack.onMail(printMail);

async function stopStack() {
  clearInterval(restock);
  if (stack !== null) await stack.stop().catch(() => undefined);
}

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  site.stop();
  await stopStack();
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
void site.exited.then((code) => {
  const asked = stopping;
  void stop().then(() => {
    process.exitCode = asked ? 0 : (code ?? 1);
  });
});
