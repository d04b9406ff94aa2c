#!/usr/bin/env node
// `npm run build` for the landing site. With VITE_DEMO_MODE set (false for a deployment), this is
// `vite build` with the environment as given: a production build then fails, naming each
// variable, unless the price and the operator details are configured. With VITE_DEMO_MODE unset
// (CI, turbo, a fresh checkout) it builds the labelled demo and says so, so `npm run build` and
// the bundle budget work everywhere without a deployment's configuration.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { appDir } from './preview-server.mjs';

const env = { ...process.env };
if (env.VITE_DEMO_MODE === undefined) {
  env.VITE_DEMO_MODE = 'true';
  env.VITE_DOWNLOAD_SECRET ??= 'DEMO-ONLY-local-memory-download-secret-not-for-production';
  process.stderr.write(
    'landing: VITE_DEMO_MODE is not set, so this builds the labelled DEMO site. For a deployment set VITE_DEMO_MODE=false and the variables in README.md.\n',
  );
}
const run = spawnSync(
  join(appDir, 'node_modules', '.bin', 'vite'),
  ['build', ...process.argv.slice(2)],
  {
    cwd: appDir,
    env,
    stdio: 'inherit',
  },
);
process.exit(run.status ?? 1);
