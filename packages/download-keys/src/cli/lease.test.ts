// `download-keys lease verify|sign` through main(argv, io): exit codes, stdin, --json, usage.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ed25519KeyPair } from '../../test/ed25519Keys.js';
import { LEASE_SECONDS } from '../lease.js';
import { type CliIo, main } from './main.js';

const NOW = 1_767_225_600;
const pair = ed25519KeyPair();
const PUBLIC_HEX = Buffer.from(pair.publicKey).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'dk-lease-cli-'));
const keyFile = join(dir, 'lease-key.pem');
writeFileSync(keyFile, pair.pem, { mode: 0o600 });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const claims = {
  v: 1,
  iss: 'https://localmemory.co',
  sub: 'lic_cli',
  edn: 'pro',
  ent: [],
  max: 3,
  mid: 'PPXR2m7hMcKS3TzkI6mqQg',
  iat: NOW,
  exp: NOW + LEASE_SECONDS,
  upd: null,
  jti: 'lease_cli',
};

async function cli(argv: string[], stdin?: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    env: {},
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    now: () => NOW + 10.5,
    ...(stdin === undefined ? {} : { stdin: async () => stdin }),
  };
  const code = await main(argv, io);
  expect(`${stdout}${stderr}`).not.toContain(pair.pem.split('\n')[1]);
  return { code, stdout, stderr };
}

const SIGN = ['lease', 'sign', '--private-key-file', keyFile, '--kid', 'k1', '--implicit'];
const VERIFY = ['lease', 'verify', '--public-key', PUBLIC_HEX, '--implicit'];

describe('download-keys lease', () => {
  it('sign then verify: the token on stdout, the claims back', async () => {
    const signed = await cli([...SIGN, 'local-memory'], `${JSON.stringify(claims)}\n`);
    expect(signed.code).toBe(0);
    const token = signed.stdout.trim();
    expect(token).toMatch(/^v4\.public\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const verified = await cli([...VERIFY, 'local-memory'], `${token}\n`);
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(verified.stdout)).toEqual(claims);
    const asJson = await cli([...SIGN, 'local-memory', '--json'], JSON.stringify(claims));
    expect(JSON.parse(asJson.stdout)).toEqual({ lease: token });
  });

  it('refuses with exit 1 and the code: expired, wrong implicit, wrong kid, wrong key', async () => {
    const token = (await cli([...SIGN, 'local-memory'], JSON.stringify(claims))).stdout.trim();
    const expired = await cli(
      [...VERIFY, 'local-memory', '--at', String(claims.exp), '--json'],
      token,
    );
    expect(expired.code).toBe(1);
    expect(JSON.parse(expired.stdout).error.code).toBe('EXPIRED');
    expect(expired.stderr).toContain('invalid: EXPIRED');
    const implicit = await cli([...VERIFY, 'other'], token);
    expect(implicit).toMatchObject({ code: 1, stdout: '' });
    expect(implicit.stderr).toContain('BAD_SIGNATURE');
    const kid = await cli([...VERIFY, 'local-memory', '--kid', 'k2', '--json'], token);
    expect(JSON.parse(kid.stdout).error.code).toBe('UNKNOWN_KID');
    const otherKey = Buffer.from(ed25519KeyPair().publicKey).toString('hex');
    const wrong = await cli(
      ['lease', 'verify', '--public-key', otherKey, '--implicit', 'local-memory'],
      token,
    );
    expect(wrong.code).toBe(1);
    const bad = await cli(
      [...SIGN, 'local-memory', '--json'],
      JSON.stringify({ ...claims, max: 0 }),
    );
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error.code).toBe('MALFORMED');
    const notJson = await cli([...SIGN, 'local-memory'], 'not json');
    expect(notJson.code).toBe(1);
  });

  it('--signature-only checks any v4.public token (the official vector 4-S-3)', async () => {
    const vectors = JSON.parse(
      readFileSync(new URL('../../vectors/paseto-v4-public.json', import.meta.url), 'utf8'),
    ) as { cases: Array<Record<string, string>> };
    const c = vectors.cases.find((v) => v.id === '4-S-3');
    if (!c) throw new Error('4-S-3 missing');
    const args = ['lease', 'verify', '--public-key', c.publicKey as string, '--implicit'];
    const ok = await cli([...args, c.implicit as string, '--signature-only'], c.token);
    expect(ok).toMatchObject({ code: 0, stdout: `${c.payload}\n` });
    // Without --signature-only the claims are checked too: this payload is no lease.
    const claimsChecked = await cli([...args, c.implicit as string, '--json'], c.token);
    expect(claimsChecked.code).toBe(1);
    expect(JSON.parse(claimsChecked.stdout).error.code).toBe('MALFORMED');
  });

  it.each([
    [['lease'], 'x'],
    [['lease', 'verify', '--implicit', 'local-memory'], 'x'],
    [['lease', 'verify', '--public-key', PUBLIC_HEX], 'x'],
    [['lease', 'verify', '--public-key', 'abcd', '--implicit', 'local-memory'], 'x'],
    [['lease', 'verify', '--public-key', `${PUBLIC_HEX.slice(2)}zz`, '--implicit', 'i'], 'x'],
    [[...VERIFY, 'local-memory'], ''],
    [[...VERIFY, 'local-memory'], undefined],
    [[...VERIFY, 'local-memory', '--at', 'soon'], 'x'],
    [[...VERIFY, 'local-memory', '--at', '1', '--signature-only'], 'x'],
    [[...VERIFY, 'local-memory', '--kid', 'k', '--signature-only'], 'x'],
    [[...VERIFY, 'local-memory', 'extra'], 'x'],
    [['lease', 'sign', '--kid', 'k1', '--implicit', 'local-memory'], '{}'],
    [['lease', 'sign', '--private-key-file', keyFile, '--implicit', 'local-memory'], '{}'],
    [['lease', 'sign', '--private-key', 'PEM', '--kid', 'k', '--implicit', 'i'], '{}'],
  ])('%j is a usage error: exit 2', async (argv, stdin) => {
    const r = await cli(argv, stdin);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.length).toBeGreaterThan(0);
  });

  it('an unreadable key file fails (exit 1), naming no secret', async () => {
    const r = await cli(
      [
        'lease',
        'sign',
        '--private-key-file',
        join(dir, 'nope.pem'),
        '--kid',
        'k',
        '--implicit',
        'i',
      ],
      JSON.stringify(claims),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read the private key file (ENOENT)');
  });
});
