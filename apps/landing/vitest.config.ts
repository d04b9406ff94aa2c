import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { storefront } from './vite-plugins/storefront.ts';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  // The storefront's build-time modules, with the labelled demo values (not a production build).
  plugins: [react(), storefront()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'vite-plugins/**/*.test.ts', 'scripts/**/*.test.ts'],
    setupFiles: ['src/testing/setup.ts'],
    // Hang guards, not speed checks: a loaded 2-core runner (load average 15-20 beside other
    // suites) once took over vitest's default 5 s for a component test that then passed alone.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // A valid configuration for the component tests; config tests pass their own env.
    env: {
      VITE_DOWNLOAD_SECRET: 'UNIT-TEST-ONLY-landing-secret-0123456789',
      VITE_DEMO_MODE: 'true',
    },
    reporters: [
      'default',
      ['json', { outputFile: resolve(here, '../../reports/vitest-landing.json') }],
    ],
  },
});
