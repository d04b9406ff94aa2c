// `npm start` at the repository root: the storefront with a working demo of the purchase →
// success → download path, on embedded defaults and nothing else.
//  1. writes four clearly labelled DEMO ZIPs and uploads them, with the download-ops library, to a
//     local folder store laid out exactly like S3 (`.demo-downloads/downloads/{window}/{hash}/…`)
//     for the current and next 12-hour windows; re-done every hour so links keep working;
//  2. starts the Vite dev server with the DEMO secret, which serves that folder at /downloads/….
// The demo secret is public and labelled as such; never use it for a real deployment.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsStore, makeDemoRelease, upload } from '@local-memory/download-ops';
import { appDir } from './preview-server.mjs';

export const DEMO_SECRET = 'DEMO-ONLY-local-memory-download-secret-not-for-production';
const storeDir = process.env.DOWNLOAD_STORE_DIR ?? join(appDir, '.demo-downloads');
const port = Number(process.env.PORT ?? 5173);
const HOUR_MS = 3_600_000;

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

const vite = spawn(
  join(appDir, 'node_modules', '.bin', 'vite'),
  ['--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  {
    cwd: appDir,
    stdio: 'inherit',
    env: {
      ...process.env,
      VITE_DOWNLOAD_SECRET: DEMO_SECRET,
      VITE_DEMO_MODE: 'true',
      DOWNLOAD_STORE_DIR: storeDir,
    },
  },
);
const origin = `http://127.0.0.1:${port}`;
// Print the way in once the server answers (and not at all if it fails to start).
for (let ready = false; !ready && vite.exitCode === null; ) {
  ready = await fetch(`${origin}/robots.txt`).then(
    (response) => response.ok,
    () => false,
  );
  if (!ready) await new Promise((resolve) => setTimeout(resolve, 200));
}
if (vite.exitCode === null)
  process.stdout.write(
    [
      '',
      `demo: Local Memory storefront (DEMO: no payment is taken; the secret is a public demo secret)`,
      `demo:   site          ${origin}/`,
      `demo:   buy           ${origin}/pricing`,
      `demo:   a purchase    ${origin}/success?session_id=${sampleSessionId()}`,
      'demo: press Ctrl+C to stop',
      '',
    ].join('\n'),
  );

const stop = () => {
  clearInterval(restock);
  vite.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
vite.on('exit', (code, signal) => {
  clearInterval(restock);
  process.exitCode = signal ? 0 : (code ?? 1);
});
