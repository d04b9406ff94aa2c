import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CliIo, main } from '../src/cli/main.js';
import { generateLicenseKey } from '../src/index.js';

const SECRET = 'CLI-TEST-ONLY-local-memory-secret-0123456789';
const AT = 1755993600;

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
  it('prints help and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('license validate KEY');
  });

  it('window: human and JSON', async () => {
    expect((await cli(['window'])).stdout).toContain('window           40648');
    const json = JSON.parse(
      (await cli(['window', '--json', '--at', '2025-01-01T00:00:00Z'])).stdout,
    );
    expect(json).toMatchObject({
      timeWindow: 40178,
      uploadWindows: [40178, 40179],
      oldestRetainedWindow: 40174,
    });
  });

  it('hash and urls', async () => {
    const vectorEnv = { DOWNLOAD_SECRET: 'x'.repeat(32) };
    const hash = await cli(
      ['hash', '--platform', 'linux', '--window', '40648', '--json'],
      vectorEnv,
    );
    expect(hash.code).toBe(0);
    expect(JSON.parse(hash.stdout)).toMatchObject({ timeWindow: 40648, platform: 'linux' });
    expect(JSON.parse(hash.stdout).downloadHash).toMatch(/^[0-9a-f]{16}$/);
    const urls = JSON.parse(
      (
        await cli([
          'urls',
          '--json',
          '--cdn-url',
          'https://d1.cloudfront.net',
          '--platform',
          'macos',
        ])
      ).stdout,
    );
    expect(urls.urls).toHaveLength(1);
    expect(urls.urls[0].pageUrl).toMatch(
      /^https:\/\/localmemory\.co\/downloads\/40648\/[0-9a-f]{16}\/macos\/local-memory-macos\.zip$/,
    );
    expect(urls.urls[0].cdnUrl.replace('https://d1.cloudfront.net', '')).toBe(
      urls.urls[0].s3Key.replace(/^downloads/, ''),
    );
  });

  it('license generate, validate and verify', async () => {
    const generated = await cli(['license', 'generate', '--session-id', 'cs_test_abc', '--json']);
    expect(generated.code).toBe(0);
    const key = JSON.parse(generated.stdout).licenseKey;
    expect(key).toBe(generateLicenseKey('cs_test_abc', SECRET));
    expect((await cli(['license', 'validate', key], {})).code).toBe(0);
    expect(
      (await cli(['license', 'validate', key.toLowerCase(), '--session-id', 'cs_test_abc'])).code,
    ).toBe(0);
    const wrong = await cli(['license', 'validate', key, '--session-id', 'cs_test_abd', '--json']);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ valid: false, verified: false });
    expect((await cli(['license', 'verify', key, '--session-id', 'cs_test_abc'])).code).toBe(0);
    expect((await cli(['license', 'verify', key, '--session-id', 'cs_test_abd'])).code).toBe(1);
    const fourSegments = await cli(['license', 'validate', 'LM-EB2B-6DAD-E6BB-C9D2', '--json'], {});
    expect(fourSegments.code).toBe(1);
    expect(
      JSON.parse(fourSegments.stdout).format.problems.map((p: { code: string }) => p.code),
    ).toEqual(['WRONG_LENGTH', 'WRONG_GROUPS']);
  });

  it('exit 2 on usage errors', async () => {
    for (const argv of [
      [],
      ['frobnicate'],
      ['hash'],
      ['license'],
      ['license', 'validate'],
      ['license', 'verify', 'LM-AAAA-AAAA-AAAA-AAAA-AAAA'],
      ['window', '--at', 'soon'],
      ['hash', '--platform', 'beos', '--window', '1'],
    ]) {
      expect((await cli(argv)).code, argv.join(' ')).toBe(2);
    }
  });

  it('takes the secret only from the environment or a file, and refuses short ones', async () => {
    expect(
      (await cli(['license', 'generate', '--session-id', 'cs_test_a', '--secret', SECRET])).code,
    ).toBe(2);
    const missing = await cli(['license', 'generate', '--session-id', 'cs_test_a'], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('DOWNLOAD_SECRET is not set');
    const short = await cli(['license', 'generate', '--session-id', 'cs_test_a'], {
      DOWNLOAD_SECRET: 'short-secret',
    });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/12 characters long; it must be at least 32/);
    const dir = mkdtempSync(join(tmpdir(), 'dk-cli-'));
    const file = join(dir, 'secret');
    writeFileSync(file, `${SECRET}\n`);
    const fromFile = await cli(
      ['license', 'generate', '--session-id', 'cs_test_abc', '--secret-file', file],
      {},
    );
    expect(fromFile.stdout.trim()).toBe(generateLicenseKey('cs_test_abc', SECRET));
    const fromEnvFile = await cli(['license', 'generate', '--session-id', 'cs_test_abc'], {
      DOWNLOAD_SECRET_FILE: file,
    });
    expect(fromEnvFile.code).toBe(0);
    const unreadable = await cli(
      ['license', 'generate', '--session-id', 'cs_test_a', '--secret-file', join(dir, 'nope')],
      {},
    );
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain('cannot read the secret file');
  });

  it('the built bin runs as a process with the same exit codes', () => {
    const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const out = execFileSync(
      process.execPath,
      [bin, 'license', 'generate', '--session-id', 'cs_test_abc'],
      {
        env: { ...process.env, DOWNLOAD_SECRET: SECRET },
        encoding: 'utf8',
      },
    );
    expect(out.trim()).toBe(generateLicenseKey('cs_test_abc', SECRET));
    const bad = spawnSync(process.execPath, [bin, 'license', 'validate', 'LM-NOPE'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(spawnSync(process.execPath, [bin, 'nonsense']).status).toBe(2);
  });
});
