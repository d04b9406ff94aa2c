// Three CLIs, one answer: for the questions all three answer (the window at a moment, the hash and
// S3 key of a platform in a window) `download-ops`, `download-keys` and the Go reference CLI
// (`local-memory-ref download …`) print the same JSON (field names and Unix-second values) and exit
// with the same code. download-ops runs in-process; download-keys is its published bin and the Go
// reference is built by download-keys' own script, both found through the package name.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, main } from '../src/cli/main.js';

const SECRET = 'AGREEMENT-TEST-ONLY-secret-0123456789abcdef';
const NOW = 1_755_993_600 + 1234;

const keysPackage = createRequire(import.meta.url).resolve(
  '@local-memory/download-keys/package.json',
);
const keysDir = dirname(keysPackage);
const keysBin = join(
  keysDir,
  (JSON.parse(readFileSync(keysPackage, 'utf8')) as { bin: Record<string, string> }).bin[
    'download-keys'
  ] as string,
);

function buildGoReference(): string {
  const build = spawnSync(process.execPath, [join(keysDir, 'scripts', 'build-go.mjs')], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`building the Go reference failed: ${build.stderr}`);
  return build.stdout.trim();
}
const goBinary = buildGoReference();

interface Answer {
  readonly code: number | null;
  readonly json: { error?: { code: string } } & Record<string, unknown>;
}

const parsed = (stdout: string) => (stdout.trim() ? JSON.parse(stdout) : {});

async function downloadOps(argv: string[], env: Record<string, string>): Promise<Answer> {
  let stdout = '';
  const io: CliIo = {
    env,
    stdout: (t) => {
      stdout += t;
    },
    stderr: () => {},
    now: () => NOW,
  };
  const code = await main(argv, io);
  return { code, json: parsed(stdout) };
}

function spawned(command: string, argv: string[], env: Record<string, string>): Answer {
  // The child's clock is the real one: every case here names its moment (--at or --window).
  const run = spawnSync(command, argv, { env: { PATH: process.env.PATH ?? '', ...env } });
  return { code: run.status, json: parsed(run.stdout.toString('utf8')) };
}

const downloadKeys = (argv: string[], env: Record<string, string>) =>
  spawned(process.execPath, [keysBin, ...argv], env);
const goReference = (argv: string[], env: Record<string, string>) =>
  spawned(goBinary, ['download', ...argv], env);

/** One question, asked the same way of every CLI (`download` is the Go CLI's command group). */
const questions: Array<{ name: string; argv: string[]; env?: Record<string, string> }> = [
  { name: 'window at a time', argv: ['window', '--at', '1755993600'] },
  { name: 'window at an RFC 3339 date', argv: ['window', '--at', '2025-01-01T11:59:59Z'] },
  { name: 'hash', argv: ['hash', '--platform', 'macos', '--window', '40648'] },
  { name: 'hash at a time', argv: ['hash', '--platform', 'universal', '--at', '1735689600'] },
  {
    name: 'hash with S3_PREFIX',
    argv: ['hash', '--platform', 'linux', '--window', '7'],
    env: { S3_PREFIX: '/staging/dl/' },
  },
  {
    name: 'hash with --prefix',
    argv: ['hash', '--platform', 'windows', '--window', '7', '--prefix', 'x/y'],
  },
  { name: 'unknown platform', argv: ['hash', '--platform', 'beos', '--window', '1'] },
  { name: 'octal window', argv: ['hash', '--platform', 'linux', '--window', '010'] },
  { name: 'hex window', argv: ['hash', '--platform', 'linux', '--window', '0x10'] },
  { name: 'negative window', argv: ['hash', '--platform', 'linux', '--window', '-1'] },
  {
    name: 'window past the maximum',
    argv: ['hash', '--platform', 'linux', '--window', '208499982743'],
  },
  { name: 'unknown option', argv: ['window', '--frobnicate'] },
  {
    name: 'no secret',
    argv: ['hash', '--platform', 'linux', '--window', '7'],
    env: { DOWNLOAD_SECRET: '' },
  },
  {
    name: 'both secret sources',
    argv: ['hash', '--platform', 'linux', '--window', '7'],
    env: { DOWNLOAD_SECRET_FILE: '/etc/hostname' },
  },
  {
    name: 'short secret',
    argv: ['hash', '--platform', 'linux', '--window', '7'],
    env: { DOWNLOAD_SECRET: 'short' },
  },
];

describe('download-ops, download-keys and the Go reference agree', () => {
  it.each(questions)('$name: same JSON, same exit code', async (q) => {
    const env = { DOWNLOAD_SECRET: SECRET, ...q.env };
    const argv = [...q.argv, '--json'];
    const ops = await downloadOps(argv, env);
    const keys = downloadKeys(argv, env);
    const go = goReference(argv, env);
    expect({ ops: ops.code, keys: keys.code }).toEqual({ ops: go.code, keys: go.code });
    if (go.json.error) {
      // Messages are each CLI's own words; the code is shared.
      expect({ ops: ops.json.error?.code, keys: keys.json.error?.code }).toEqual({
        ops: go.json.error.code,
        keys: go.json.error.code,
      });
    } else {
      expect(ops.json).toEqual(go.json);
      expect(keys.json).toEqual(go.json);
    }
    for (const answer of [ops, keys, go]) expect(JSON.stringify(answer.json)).not.toContain(SECRET);
  });

  it('rejects a window with a leading zero as a usage error (docs/algorithms.md: base 10, no leading zeros)', async () => {
    const argv = ['hash', '--platform', 'linux', '--window', '010', '--json'];
    const env = { DOWNLOAD_SECRET: SECRET };
    expect((await downloadOps(argv, env)).code).toBe(2);
    expect(downloadKeys(argv, env).code).toBe(2);
    expect(goReference(argv, env).code).toBe(2);
  });

  it('names the window fields alike: uploadWindows and expiresAt', async () => {
    const { json } = await downloadOps(['window', '--at', '1755993600', '--json'], {});
    expect(Object.keys(json).sort()).toEqual([
      'expiresAt',
      'oldestRetainedWindow',
      'timeWindow',
      'uploadWindows',
      'windowEnd',
      'windowStart',
    ]);
    expect(json).toMatchObject({ timeWindow: 40648, uploadWindows: [40648, 40649] });
  });
});
