import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';
import { storefront } from './vite-plugins/storefront.ts';

const here = dirname(fileURLToPath(import.meta.url));

const TEST_FILES = ['src/**/*.test.{ts,tsx}', 'vite-plugins/**/*.test.ts', 'scripts/**/*.test.ts'];

/**
 * The test files that replace a module with `vi.mock`. Vitest applies such a mock only to a
 * module imported after it, so these files get a fresh module registry each (Vitest's default,
 * isolated); the others share one registry per worker (`isolate: false`), which saves loading
 * React, Testing Library and jsdom's globals once per file: 41 s of wall time against 84 s, and
 * 50 s of CPU time against 103 s, for the same 377 tests on a quiet 2-core machine. Found by
 * reading the files, so a new `vi.mock` cannot land in the shared registry by mistake.
 */
export const MOCKING_FILES = ['src', 'vite-plugins', 'scripts'].flatMap((folder) =>
  readdirSync(join(here, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.test\.tsx?$/.test(name))
    .map((name) => relative(here, join(here, folder, name)))
    .filter((file) => /\bvi\.(?:mock|doMock)\(/.test(readFileSync(join(here, file), 'utf8'))),
);

export default defineConfig({
  // The storefront's build-time modules, with the labelled demo values (not a production build).
  plugins: [react(), storefront()],
  test: {
    environment: 'jsdom',
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
    // Each project adds its own `include` (Vitest joins a project's lists to the root's).
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: TEST_FILES,
          isolate: false,
          exclude: [...configDefaults.exclude, ...MOCKING_FILES],
        },
      },
      { extends: true, test: { name: 'isolated', include: MOCKING_FILES } },
    ],
  },
});
