import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin, type ProxyOptions } from 'vite';
import { serverModeSecretProblem } from './src/config/fulfilment.ts';
import { downloadStore } from './vite-plugins/downloadStore.ts';

const here = dirname(fileURLToPath(import.meta.url));
const BROWSER_KEYS = resolve(here, 'src/features/downloads/browserFulfilment.ts');
const SERVER_KEYS = resolve(here, 'src/features/downloads/browserFulfilment.server.ts');

/**
 * Server mode: refuse a build that was given a download secret (it would ship to every visitor),
 * and swap the in-browser key derivation for a module without it, so the bundle holds neither
 * the secret nor the code that uses one.
 */
function serverFulfilment(env: Record<string, string>): Plugin {
  const server = env.VITE_FULFILMENT?.trim() === 'server';
  return {
    name: 'local-memory-server-fulfilment',
    enforce: 'pre',
    config(_config, { command }) {
      const problem = serverModeSecretProblem(env);
      if (problem !== null && command === 'build') {
        throw new Error(`${problem.variable}: ${problem.message}`);
      }
    },
    async resolveId(source, importer, options) {
      if (!server || importer === undefined || !/browserFulfilment(\.ts)?$/.test(source))
        return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === BROWSER_KEYS ? SERVER_KEYS : null;
    },
  };
}

/** `/api/*` to the API (API_ORIGIN, e.g. http://127.0.0.1:8787); read here, never bundled. */
function apiProxy(): Record<string, ProxyOptions> | undefined {
  const origin = process.env.API_ORIGIN?.trim() || process.env.VITE_API_PROXY?.trim();
  if (!origin) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    throw new Error(`API_ORIGIN must be an http(s) origin such as http://127.0.0.1:8787`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`API_ORIGIN must be an http(s) origin such as http://127.0.0.1:8787`);
  // The API builds its links and answers from the site's own address, so keep the Host header.
  return { '/api': { target: parsed.origin, changeOrigin: false } };
}

export default defineConfig(({ mode }) => {
  // .env files and the process environment (which wins), as the bundle will see them.
  const env = loadEnv(mode, here, 'VITE_');
  const proxy = apiProxy();
  return {
    plugins: [
      serverFulfilment(env),
      react(),
      downloadStore(process.env.DOWNLOAD_STORE_DIR ?? resolve(here, '.demo-downloads')),
    ],
    server: { host: '127.0.0.1', port: 5173, ...(proxy ? { proxy } : {}) },
    preview: { host: '127.0.0.1', port: 4173, ...(proxy ? { proxy } : {}) },
    build: {
      target: 'es2022',
      sourcemap: true,
      manifest: true,
      // The landing build is small on purpose; scripts/budget.mjs enforces the figures.
      chunkSizeWarningLimit: 200,
    },
  };
});
