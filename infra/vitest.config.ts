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
    reporters: [
      'default',
      ['json', { outputFile: resolve(repoRoot, 'reports/vitest-infra.json') }],
    ],
  },
});
