import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Every file starts its own loopback servers; keep files sequential on 2-core machines.
    fileParallelism: false,
    // One module registry for all files (they run one after another anyway): the AWS SDK, Hono
    // and the Stripe SDK load once, not once per file. No test mocks modules; lambda.test.ts,
    // the one file holding module state (the handler's cold start), restores what it changes.
    isolate: false,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    reporters: ['default', ['json', { outputFile: resolve(repoRoot, 'reports/vitest-api.json') }]],
  },
});
