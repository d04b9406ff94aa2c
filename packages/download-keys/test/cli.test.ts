// The download-keys CLI through main(argv, io), and the built bin as a process. Exit codes and
// JSON field names are pinned here; test/cli-agreement.test.ts checks them against the Go CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type CliIo, main } from '../src/cli/main.js';

const SECRET = 'CLI-TEST-ONLY-local-memory-secret-0123456789';
const AT = 1755993600;
// Key for cs_test_abc under SECRET, pinned from the Go reference
// (`DOWNLOAD_SECRET=… local-memory-ref license generate --session-id cs_test_abc`).
const KEY_ABC = 'LM-EEFA-GD6B-B4AF-AFF6-29EA';

async function cli(argv: string[], env: Record<string, string> = { DOWNLOAD_SECRET: SECRET }) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    env,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    now: () => AT + 10,
  };
  const code = await main(argv, io);
  expect(`${stdout}${stderr}`).not.toContain(SECRET);
  return { code, stdout, stderr };
}

describe('download-keys CLI', () => {
  it.each([
    [['--help'], 'Commands:'],
    [['-h'], 'Commands:'],
    [['help'], 'Commands:'],
    [['help', 'license'], 'validate [options] <key>'],
    [['help', 'license', 'validate'], 'Usage: download-keys license validate'],
    [['license', 'help', 'verify'], 'Usage: download-keys license verify'],
    [['license', 'validate', '--help'], '--session-id <id>'],
    [['hash', '--help'], '--platform <platform>'],
    [['window', '-h'], '--at <time>'],
  ])('%j prints its own help and exits 0', async (argv, text) => {
    const r = await cli(argv);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(text);
  });

  it('--version prints the package version', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('window: human and JSON in Unix seconds', async () => {
    expect((await cli(['window'])).stdout).toContain('window           40648');
    const r = await cli(['window', '--json', '--at', '2025-01-01T00:00:00Z']);
    expect(JSON.parse(r.stdout)).toEqual({
      timeWindow: 40178,
      windowStart: 1735689600,
      windowEnd: 1735732800,
      expiresAt: 1735905600,
      uploadWindows: [40178, 40179],
      oldestRetainedWindow: 40174,
    });
  });

  it('hash: the vocabulary, and S3_PREFIX / --prefix honoured', async () => {
    const spec = 'test-secret-key-padded-to-32-chars!';
    const base = ['hash', '--platform', 'linux', '--window', '40648', '--json'];
    const plain = JSON.parse((await cli(base, { DOWNLOAD_SECRET: spec })).stdout);
    expect(Object.keys(plain)).toEqual([
      'timeWindow',
      'platform',
      'downloadHash',
      'filename',
      's3Key',
    ]);
    expect(plain.s3Key).toBe(`downloads/40648/${plain.downloadHash}/linux/local-memory-linux.zip`);
    const env = { DOWNLOAD_SECRET: spec, S3_PREFIX: '/staging/dl/' };
    expect(JSON.parse((await cli(base, env)).stdout).s3Key).toMatch(/^staging\/dl\/40648\//);
    expect(JSON.parse((await cli([...base, '--prefix', 'x'], env)).stdout).s3Key).toMatch(
      /^x\/40648\//,
    );
    expect((await cli(base, { DOWNLOAD_SECRET: spec, S3_PREFIX: '../etc' })).code).toBe(2);
  });

  it('urls: page, CDN and S3 locations end alike', async () => {
    const r = await cli([
      'urls',
      '--json',
      '--cdn-url',
      'https://d1.cloudfront.net',
      '--platform',
      'macos',
    ]);
    const out = JSON.parse(r.stdout);
    expect(out.timeWindow).toBe(40648);
    expect(out.downloads).toHaveLength(1);
    const [d] = out.downloads;
    expect(d.url).toMatch(
      /^https:\/\/localmemory\.co\/downloads\/40648\/[0-9a-f]{16}\/macos\/local-memory-macos\.zip$/,
    );
    expect(d.cdnUrl.replace('https://d1.cloudfront.net', '')).toBe(
      d.s3Key.replace(/^downloads/, ''),
    );
  });

  it('license generate, validate and verify', async () => {
    const generated = await cli(['license', 'generate', '--session-id', 'cs_test_abc', '--json']);
    expect(generated.code).toBe(0);
    expect(JSON.parse(generated.stdout)).toEqual({ licenseKey: KEY_ABC });
    expect((await cli(['license', 'validate', KEY_ABC], {})).code).toBe(0);
    const pasted = await cli(
      ['license', 'validate', ` ${KEY_ABC.toLowerCase()}\u200b`, '--json'],
      {},
    );
    expect(JSON.parse(pasted.stdout)).toEqual({ licenseKey: KEY_ABC, valid: true, problems: [] });
    const wrong = await cli([
      'license',
      'validate',
      KEY_ABC,
      '--session-id',
      'cs_test_abd',
      '--json',
    ]);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toEqual({
      licenseKey: KEY_ABC,
      valid: false,
      problems: [],
      verified: false,
    });
    expect((await cli(['license', 'verify', KEY_ABC, '--session-id', 'cs_test_abc'])).code).toBe(0);
    expect((await cli(['license', 'verify', KEY_ABC, '--session-id', 'cs_test_abd'])).code).toBe(1);
    const fourSegments = await cli(['license', 'validate', 'LM-EB2B-6DAD-E6BB-C9D2', '--json'], {});
    expect(fourSegments.code).toBe(1);
    expect(JSON.parse(fourSegments.stdout).problems).toEqual(['WRONG_LENGTH', 'WRONG_GROUPS']);
  });

  it.each([
    [[]],
    [['frobnicate']],
    [['hash']],
    [['license']],
    [['license', 'validate']],
    [['license', 'verify', 'LM-AAAA-AAAA-AAAA-AAAA-AAAA']],
    [['window', '--at', 'soon']],
    [['window', '--at', '1755993600.5']],
    [['window', '--dry-run']],
    [['window', 'extra']],
    [['hash', '--platform', 'beos', '--window', '1']],
    [['hash', '--platform', 'linux', '--window', '010']],
    [['hash', '--platform', 'linux', '--window', '0x10']],
    [['hash', '--platform', 'linux', '--window', '1_0']],
    [['hash', '--platform', 'linux', '--window', '208499982743']],
    [['hash', '--platform', 'linux', '--window', '1', '--at', '1']],
    [['license', 'generate', '--session-id', 'cs_test_a', '--secret', SECRET]],
    [['help', 'nonsense']],
  ])('%j is a usage error: exit 2', async (argv) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.length).toBeGreaterThan(0);
  });

  it('under --json every failure is one error object on stdout', async () => {
    const usage = await cli(['hash', '--platform', 'beos', '--window', '1', '--json']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toEqual({
      error: { code: 'USAGE', message: expect.stringContaining('beos') },
    });
    const missing = await cli(['license', 'generate', '--session-id', 'cs_test_a', '--json'], {});
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('INVALID_SECRET');
  });

  it('reads the secret by the one rule: env or file, never both, never argv', async () => {
    const missing = await cli(['license', 'generate', '--session-id', 'cs_test_a'], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('DOWNLOAD_SECRET is not set');
    const short = await cli(['license', 'generate', '--session-id', 'cs_test_a'], {
      DOWNLOAD_SECRET: 'short-secret',
    });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/12 characters long; it must be at least 32/);
    const dir = mkdtempSync(join(tmpdir(), 'dk-cli-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'secret');
    writeFileSync(file, `${SECRET}\n`);
    const fromFile = await cli(
      ['license', 'generate', '--session-id', 'cs_test_abc', '--secret-file', file],
      {},
    );
    expect(fromFile.stdout.trim()).toBe(KEY_ABC);
    const fromEnvFile = await cli(['license', 'generate', '--session-id', 'cs_test_abc'], {
      DOWNLOAD_SECRET_FILE: file,
    });
    expect(fromEnvFile.stdout.trim()).toBe(KEY_ABC);
    const both = await cli(['license', 'generate', '--session-id', 'cs_test_abc', '--json'], {
      DOWNLOAD_SECRET: SECRET,
      DOWNLOAD_SECRET_FILE: file,
    });
    expect(both.code).toBe(1);
    expect(JSON.parse(both.stdout).error.code).toBe('SECRET_CONFLICT');
    writeFileSync(file, `${SECRET}\n\n`);
    const twoNewlines = await cli(['license', 'generate', '--session-id', 'cs_test_a'], {
      DOWNLOAD_SECRET_FILE: file,
    });
    expect(twoNewlines.code).toBe(1);
    expect(twoNewlines.stderr).toContain('control character (U+000A)');
    const unreadable = await cli(
      ['license', 'generate', '--session-id', 'cs_test_a', '--secret-file', join(dir, 'nope')],
      {},
    );
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(
      /cannot read the secret file .*nope \(ENOENT\): it does not exist/,
    );
  });

  it('the built bin runs as a process with the same exit codes', () => {
    const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const out = execFileSync(
      process.execPath,
      [bin, 'license', 'generate', '--session-id', 'cs_test_abc'],
      {
        env: { ...process.env, DOWNLOAD_SECRET: SECRET, DOWNLOAD_SECRET_FILE: '' },
        encoding: 'utf8',
      },
    );
    expect(out.trim()).toBe(KEY_ABC);
    const run = (args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: {} }).status;
    expect(run(['license', 'validate', 'LM-NOPE'])).toBe(1);
    expect(run(['nonsense'])).toBe(2);
    expect(run(['hash', '--platform', 'beos', '--window', '1'])).toBe(2);
    expect(run(['help', 'nonsense'])).toBe(2);
    expect(run(['--help'])).toBe(0);
  });
});
