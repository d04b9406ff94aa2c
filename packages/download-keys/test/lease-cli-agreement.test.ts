// `lease verify` asked the same questions of both CLIs (the built download-keys bin and the Go
// reference's local-memory-ref): the same exit code, the same claims, the same error code.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { buildGoReference } from '../scripts/build-go.mjs';
import { LEASE_IMPLICIT, LEASE_SECONDS } from '../src/lease.js';
import { signLease } from '../src/node/index.js';
import { ed25519KeyPair } from './ed25519Keys.js';

const tsBin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let goBin: string;
beforeAll(() => {
  goBin = buildGoReference() as string;
});

const ISSUED = 1_767_225_600;
const pair = ed25519KeyPair();
const PUBLIC_HEX = Buffer.from(pair.publicKey).toString('hex');
const claims = {
  v: 1,
  iss: 'https://localmemory.co',
  sub: 'lic_agree',
  edn: 'pro',
  ent: ['updates', 'sync'],
  max: 3,
  mid: 'PPXR2m7hMcKS3TzkI6mqQg',
  iat: ISSUED,
  exp: ISSUED + LEASE_SECONDS,
  upd: null,
  jti: 'lease_agree',
};
const lease = signLease(claims, pair.privateKey, { kid: 'k1', implicit: LEASE_IMPLICIT });
const VECTOR_4_S_1 =
  'v4.public.eyJkYXRhIjoidGhpcyBpcyBhIHNpZ25lZCBtZXNzYWdlIiwiZXhwIjoiMjAyMi0wMS0wMVQwMDowMDowMCswMDowMCJ9bg_XBBzds8lTZShVlwwKSgeKpLT3yukTw6JUz3W4h_ExsQV-P0V54zemZDcAxFaSeef1QlXEFtkqxT1ciiQEDA';
const VECTOR_KEY = '1eb9dbbbbc047c03fd70604e0071f0987e16b28b757225c11f00415d0e20b1a2';

function both(args: string[], stdin: string) {
  const run = (cmd: string[]) => {
    const r = spawnSync(cmd[0] as string, [...cmd.slice(1), 'lease', 'verify', ...args], {
      input: stdin,
      encoding: 'utf8',
      env: {},
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  return { ts: run([process.execPath, tsBin]), go: run([goBin]) };
}

const base = ['--public-key', PUBLIC_HEX, '--implicit', LEASE_IMPLICIT];
describe('lease verify: both CLIs agree', () => {
  it.each([
    ['a valid lease', [...base, '--at', String(ISSUED + 60)], lease, 0],
    ['an expired lease', [...base, '--at', String(claims.exp), '--json'], lease, 1],
    ['the clock turned back', [...base, '--at', String(ISSUED - 301), '--json'], lease, 1],
    [
      'another implicit assertion',
      ['--public-key', PUBLIC_HEX, '--implicit', 'x', '--json'],
      lease,
      1,
    ],
    ['another kid', [...base, '--kid', 'k2', '--json'], lease, 1],
    [
      'a flipped character',
      [...base, '--json'],
      lease.replace(/.(?=.{20}$)/, (c) => (c === 'A' ? 'B' : 'A')),
      1,
    ],
    ['a v4.local token', [...base, '--json'], lease.replace('v4.public', 'v4.local'), 1],
    [
      '4-S-1, signature only',
      ['--public-key', VECTOR_KEY, '--implicit', '', '--signature-only'],
      VECTOR_4_S_1,
      0,
    ],
    [
      '4-S-1 with claims checked',
      ['--public-key', VECTOR_KEY, '--implicit', '', '--json'],
      VECTOR_4_S_1,
      1,
    ],
    ['a short public key', ['--public-key', 'abcd', '--implicit', 'i'], lease, 2],
    ['no --implicit', ['--public-key', PUBLIC_HEX], lease, 2],
    ['nothing on stdin', base, '', 2],
  ] as const)('%s', (_name, args, stdin, code) => {
    const { ts, go } = both([...args], stdin);
    expect(ts.code).toBe(code);
    expect(go.code).toBe(code);
    if (code === 0) {
      expect(go.stdout).toBe(ts.stdout);
    } else if (code === 1 && args.includes('--json')) {
      expect(JSON.parse(go.stdout).error.code).toBe(JSON.parse(ts.stdout).error.code);
    }
    if (code !== 0) expect(ts.stderr.length * go.stderr.length).toBeGreaterThan(0);
  });
});
