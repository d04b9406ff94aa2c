// `npm start` at the repository root: the storefront in SERVER mode, end to end on this machine.
//  1. writes four clearly labelled DEMO ZIPs and uploads them, with the download-ops library, to a
//     local folder store laid out exactly like S3 (`.demo-downloads/downloads/{window}/{hash}/…`)
//     for the current and next 12-hour windows; re-done every hour so downloads keep working;
//  2. starts the API's local stack (apps/api/scripts/local-stack.mjs: a Stripe stand-in, dynalite,
//     an SMTP server and the API) with the DEMO secret, serving downloads from that store;
//  3. starts the Vite dev server in server mode (no secret in the page), proxying /api to the API,
//     and prints every email the API sends (the license key email) as it arrives.
// `DEMO_FULFILMENT=browser npm start` (or `node scripts/demo.mjs --browser`) runs the older in-browser demo.
// The demo secret is public and labelled as such; never use it for a real deployment.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FsStore, makeDemoRelease, upload } from '@local-memory/download-ops';
import { appDir } from './preview-server.mjs';

export const DEMO_SECRET = 'DEMO-ONLY-local-memory-download-secret-not-for-production';
const storeDir = process.env.DOWNLOAD_STORE_DIR ?? join(appDir, '.demo-downloads');
const port = Number(process.env.PORT ?? 5173);
const HOUR_MS = 3_600_000;
const LOCAL_STACK = join(appDir, '..', 'api', 'scripts', 'local-stack.mjs');

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
  if (!existsSync(LOCAL_STACK)) {
    clearInterval(restock);
    process.stderr.write(
      `demo: ${LOCAL_STACK} is missing: server mode needs the API workspace (apps/api). Build it with \`npx turbo run build --filter=@local-memory/api\`, or run the in-browser demo with \`npm start -- --browser\`.\n`,
    );
    process.exit(1);
  }
  const { startLocalStack } = await import(pathToFileURL(LOCAL_STACK).href);
  try {
    stack = await startLocalStack({
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
      }
    : { VITE_FULFILMENT: 'browser', VITE_DOWNLOAD_SECRET: DEMO_SECRET, VITE_DEMO_MODE: 'true' };

const vite = spawn(
  join(appDir, 'node_modules', '.bin', 'vite'),
  ['--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  {
    cwd: appDir,
    stdio: 'inherit',
    env: { ...process.env, ...env, DOWNLOAD_STORE_DIR: storeDir },
  },
);

// Print the way in once the server answers (and not at all if it fails to start).
for (let ready = false; !ready && vite.exitCode === null; ) {
  ready = await fetch(`${origin}/robots.txt`).then(
    (response) => response.ok,
    () => false,
  );
  if (!ready) await new Promise((resolve) => setTimeout(resolve, 200));
}
if (vite.exitCode === null && fulfilment === 'server')
  process.stdout.write(
    [
      '',
      'demo: Local Memory storefront in SERVER mode (keys only after the Stripe stand-in says "paid";',
      'demo: no real payment is taken, and the download secret is a public demo secret)',
      `demo:   site          ${origin}/`,
      `demo:   buy           ${origin}/pricing  → the stand-in's pay page → /success`,
      `demo:   API           ${stack.apiOrigin}  (proxied at ${origin}/api)`,
      `demo:   Stripe        ${stack.stripeOrigin}  (stand-in)`,
      'demo: emails the API sends are printed below; press Ctrl+C to stop',
      '',
    ].join('\n'),
  );
else if (vite.exitCode === null)
  process.stdout.write(
    [
      '',
      'demo: Local Memory storefront (DEMO: no payment is taken; the secret is a public demo secret)',
      `demo:   site          ${origin}/`,
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

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  clearInterval(restock);
  if (vite.exitCode === null) vite.kill('SIGTERM');
  if (stack !== null) await stack.stop().catch(() => undefined);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
vite.on('exit', (code, signal) => {
  const asked = stopping;
  void stop().then(() => {
    process.exitCode = signal || asked ? 0 : (code ?? 1);
  });
});
