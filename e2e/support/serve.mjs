#!/usr/bin/env node
// Playwright's webServer: build the landing site with the given environment (JSON in argv[3],
// none of it secret outside tests) into .sites/<name> and serve it with `vite preview` on
// 127.0.0.1:<port>. Stops its vite child when Playwright stops it.
import { join } from 'node:path';
import { buildSite, preview } from '@local-memory/landing/preview-server';

const [name, port, envJson, storeDir] = process.argv.slice(2);
if (!name || !port || !envJson) {
  process.stderr.write('usage: node support/serve.mjs <name> <port> <env-json> [store-dir]\n');
  process.exit(2);
}
const env = JSON.parse(envJson);
const outDir = join(import.meta.dirname, '..', '.sites', name);
buildSite(outDir, env);
const server = await preview(
  outDir,
  storeDir ? { ...env, DOWNLOAD_STORE_DIR: storeDir } : env,
  Number(port),
);
process.stdout.write(`e2e: ${name} site at ${server.origin}\n`);
const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
