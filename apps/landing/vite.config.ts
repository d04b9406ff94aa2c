import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';
import { compileHints } from './vite-plugins/compileHints.ts';
import { downloadStore } from './vite-plugins/downloadStore.ts';
import { inlineFavicon } from './vite-plugins/inlineFavicon.ts';
import { notFoundPage, prerender } from './vite-plugins/prerender.ts';
import { apiProxy, serverFulfilment } from './vite-plugins/serverMode.ts';
import { siteHeaders } from './vite-plugins/siteHeaders.ts';
import { storefront } from './vite-plugins/storefront.ts';

const here = dirname(fileURLToPath(import.meta.url));
const site = storefront();

export default defineConfig(({ mode }) => {
  // .env files and the process environment (which wins): what the bundle will see.
  const env = loadEnv(mode, here, 'VITE_');
  const proxy = apiProxy(process.env);
  return {
    plugins: [
      serverFulfilment(env),
      react(),
      site,
      inlineFavicon(resolve(here, 'public')),
      prerender(site.api),
      siteHeaders(),
      downloadStore(process.env.DOWNLOAD_STORE_DIR ?? resolve(here, '.demo-downloads')),
      notFoundPage(),
      compileHints(),
    ],
    server: { host: '127.0.0.1', port: 5173, ...(proxy ? { proxy } : {}) },
    preview: { host: '127.0.0.1', port: 4173, ...(proxy ? { proxy } : {}) },
    build: {
      target: 'es2022',
      // Maps for error reports, without the comment that would point browsers at them; the
      // prerender step moves them (and .vite/) out of the deploy folder, to sourcemaps/.
      sourcemap: 'hidden',
      // Every browser the site supports has <link rel="modulepreload">; no polyfill in the entry.
      modulePreload: { polyfill: false },
      manifest: true,
      // One stylesheet, which the prerender step inlines into every document: no script refers to it,
      // so lazy imports never fetch it again (prerender.ts checks).
      cssCodeSplit: false,
      // The landing build is small on purpose; scripts/budget.mjs enforces the figures.
      chunkSizeWarningLimit: 200,
    },
  };
});
