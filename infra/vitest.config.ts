import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'lib/**/*.test.ts'],
    // A synth bundles the API with esbuild and runs cdk-nag: seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // The files share one module registry: aws-cdk-lib and esbuild load once instead of once per
    // file, which halves the suite's CPU time (62 s against 125 s of user time, same machine,
    // one run each). No test mocks a module; the synth helpers restore what they change.
    isolate: false,
    reporters: [
      'default',
      ['json', { outputFile: resolve(repoRoot, 'reports/vitest-infra.json') }],
    ],
  },
});
