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
  // No declaration files: the API is an application (node.js and lambda.js run; infra bundles its
  // source) and no workspace imports its types. Declaring them took 10 s of the build's 38, on
  // its critical path (download-keys, catalog, testkit, api, landing).
  sourcemap: true,
  clean: true,
  skipNodeModulesBundle: true,
});
