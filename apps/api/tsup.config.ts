import { defineConfig } from 'tsup';

/**
 * The API's three entries and nothing else: the app, the Node server (which also runs the
 * backfill command) and the Lambda handler. Test doubles live in @local-memory/testkit;
 * src/build.test.ts fails if this list grows or dist/ holds one of them.
 */
export const API_ENTRIES = {
  app: 'src/app.ts',
  node: 'src/node.ts',
  lambda: 'src/lambda.ts',
};

export default defineConfig({
  entry: API_ENTRIES,
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  dts: { compilerOptions: { noCheck: true } },
  sourcemap: true,
  clean: true,
  skipNodeModulesBundle: true,
});
