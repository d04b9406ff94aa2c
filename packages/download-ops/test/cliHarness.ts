import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliIo, main } from '../src/cli/main.js';
import type { Store } from '../src/store/types.js';

export const SECRET = 'OPS-TEST-ONLY-download-secret-0123456789';
/** 2025-08-24T00:00:00Z, the start of window 40648. */
export const T0 = 1_755_993_600;
export const HOURS = 3600;

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  json<T = Record<string, unknown>>(): T;
}

/** Run `download-ops` in-process with its own environment and clock. */
export async function ops(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  extra: { now?: number; store?: Store; io?: Partial<CliIo> } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    env: { DOWNLOAD_SECRET: SECRET, ...env },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    now: () => extra.now ?? T0,
    ...(extra.store ? { store: extra.store } : {}),
    leasePollMs: 50,
    ...extra.io,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

/**
 * Run the built `download-ops` bin as a real process. Asynchronous on purpose: the S3 server may
 * live in this very process, and a synchronous spawn would starve it.
 */
export function runBin(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
