import { spawnSync } from 'node:child_process';
import { GO_REFERENCE } from './global-setup';
import { E2E_SECRET } from './settings';

/** Run the Go reference CLI (built by global setup) with the e2e secret in its environment. */
export function goReference(args: readonly string[]): {
  status: number | null;
  json: Record<string, unknown>;
} {
  const run = spawnSync(GO_REFERENCE, [...args, '--json'], {
    env: { ...process.env, DOWNLOAD_SECRET: E2E_SECRET },
    encoding: 'utf8',
  });
  if (run.error) throw run.error;
  return { status: run.status, json: JSON.parse(run.stdout) as Record<string, unknown> };
}
