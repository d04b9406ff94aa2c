// Build the site with a given environment into its own folder and serve it with `vite preview`
// on 127.0.0.1. Used by the Lighthouse script, the bench, `npm start` and the e2e webServer.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const vite = join(appDir, 'node_modules', '.bin', 'vite');

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const buildArgs = (outDir) => ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];

/** `vite build --outDir outDir` with `env` added; throws with Vite's output on failure. */
export function buildSite(outDir, env) {
  const run = spawnSync(vite, buildArgs(outDir), {
    cwd: appDir,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`vite build failed:\n${run.stdout}${run.stderr}`);
}

/**
 * {@link buildSite} without blocking this process's event loop, so servers running in it (the
 * API's local stack) keep answering during a rebuild.
 * @returns {Promise<void>} rejects with Vite's output when the build fails
 */
export function buildSiteInBackground(outDir, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(vite, buildArgs(outDir), {
      cwd: appDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`vite build failed (${signal ?? `exit ${code}`}):\n${output}`)),
    );
  });
}

/**
 * Serve `outDir` with `vite preview` (which also serves the download store) and wait until it answers.
 * @returns {Promise<{ origin: string, stop: () => void, exited: Promise<number | null> }>}
 *   `exited` settles with the exit code when the server stops, for whatever reason
 */
export async function preview(outDir, env = {}, port) {
  const chosen = port ?? (await freePort());
  const child = spawn(
    vite,
    [
      'preview',
      '--outDir',
      outDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(chosen),
      '--strictPort',
    ],
    { cwd: appDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const origin = `http://127.0.0.1:${chosen}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited early:\n${output}`);
    try {
      if ((await fetch(`${origin}/robots.txt`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`vite preview did not answer on ${origin} within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin, stop: () => child.kill('SIGTERM'), exited };
}
