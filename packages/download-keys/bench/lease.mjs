#!/usr/bin/env node
// Benchmark: time to verify one lease (PASETO v4.public, Ed25519) with each of this library's
// verifiers: `verifyLease` of ./node (node:crypto; what the API and the CLI use) and of ./lease
// (isomorphic; what a browser or another runtime uses), the latter once its key is known and for
// the first lease of a key (the key's table built); for scale, @noble/ed25519's own verify (the
// library's Ed25519 check before), node:crypto's bare Ed25519 verify over the same bytes, and
// the Go reference (`go test -bench BenchmarkVerify ./lease`). Prints the median of several
// rounds with the load average; it is not a test and asserts nothing.
import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashes, verify as nobleVerify } from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { LEASE_IMPLICIT, verifyLease } from '../dist/lease.js';
import { verifyLease as nodeVerifyLease, signLease } from '../dist/node.js';
import { LEASE_IMPORT, measureBundle } from '../scripts/bundle-size.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const goDir = join(here, '..', 'go');
const reports = join(here, '..', '..', '..', 'reports');
const ITERATIONS = 2_000;
const ROUNDS = 5;
const TARGET_MICROS = 1_000; // issue 24: at most 1 ms per lease

// A bench-only key from a fixed seed (PKCS#8 wrapping of 32 bytes), like the Go benchmark's.
const seed = Buffer.from('0102030405060708091011121314151617181920212223242526272829303132', 'hex');
const privateKey = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
  format: 'der',
  type: 'pkcs8',
});
const publicKeyObject = createPublicKey(privateKey);
const spki = publicKeyObject.export({ format: 'der', type: 'spki' });
const keyset = { k1: new Uint8Array(spki.subarray(spki.length - 32)) };
const ISSUED = 1_767_225_600;
const claims = {
  v: 1,
  iss: 'https://localmemory.co',
  sub: 'lic_01',
  edn: 'pro',
  ent: ['updates'],
  max: 3,
  mid: 'PPXR2m7hMcKS3TzkI6mqQg',
  iat: ISSUED,
  exp: ISSUED + 30 * 86_400,
  upd: 1_798_761_600,
  jti: 'lease_01',
};
const token = signLease(claims, privateKey, { kid: 'k1', implicit: LEASE_IMPLICIT });
const options = { now: ISSUED, implicit: LEASE_IMPLICIT };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function microsPerOp(fn, iterations = ITERATIONS) {
  for (let i = 0; i < Math.min(200, iterations); i++) fn(); // warm the JIT
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    rounds.push(Number(process.hrtime.bigint() - start) / iterations / 1000);
  }
  return median(rounds);
}

// The first lease of a key: more keys than ./lease keeps tables for (8), taken in turn, so that
// every verification decodes its key and builds its table.
const FRESH_KEYS = 16;
const fresh = Array.from({ length: FRESH_KEYS }, (_, i) => {
  const key = createPrivateKey({
    key: Buffer.concat([
      Buffer.from('302e020100300506032b657004220420', 'hex'),
      Buffer.from(seed).fill(0xa0 + i, 0, 1),
    ]),
    format: 'der',
    type: 'pkcs8',
  });
  const der = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return {
    token: signLease(claims, key, { kid: 'k1', implicit: LEASE_IMPLICIT }),
    keyset: { k1: new Uint8Array(der.subarray(der.length - 32)) },
  };
});
let turn = 0;
const firstOfKey = () => {
  const { token: t, keyset: k } = fresh[turn++ % FRESH_KEYS];
  verifyLease(t, k, options);
};

// node:crypto over the very bytes verifyLease checks (PAE of header, payload, footer, implicit).
const [, , body, footerText] = token.split('.');
const raw = Buffer.from(body, 'base64url');
const footer = Buffer.from(footerText, 'base64url');
const le64 = (n) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};
const pieces = [
  Buffer.from('v4.public.'),
  raw.subarray(0, -64),
  footer,
  Buffer.from(LEASE_IMPLICIT),
];
const preAuth = Buffer.concat([le64(pieces.length), ...pieces.flatMap((p) => [le64(p.length), p])]);
const signature = raw.subarray(-64);
if (!verify(null, preAuth, publicKeyObject, signature)) {
  console.error(
    'bench: node:crypto does not verify the lease; the comparison would be meaningless',
  );
  process.exit(1);
}

function goMicrosPerOp() {
  const run = spawnSync(
    'go',
    [
      'test',
      '-run',
      '^$',
      '-bench',
      '^BenchmarkVerify$',
      '-benchtime',
      `${ITERATIONS}x`,
      '-count',
      String(ROUNDS),
      './lease',
    ],
    { cwd: goDir, env: { ...process.env, GOPROXY: 'off', GOFLAGS: '' }, encoding: 'utf8' },
  );
  const samples = [...run.stdout.matchAll(/^BenchmarkVerify\S*\s+\d+\s+([\d.]+) ns\/op/gm)].map(
    (m) => Number(m[1]) / 1000,
  );
  if (run.status !== 0 || samples.length === 0) {
    console.error(`bench: go test -bench failed (is Go installed?)\n${run.stdout}${run.stderr}`);
    process.exit(1);
  }
  return median(samples);
}

hashes.sha512 ??= sha512;
const publicKey = keyset.k1;
const rows = [
  [
    'verifyLease ./node (node:crypto): the API, the CLI',
    microsPerOp(() => nodeVerifyLease(token, keyset, options)),
  ],
  [
    'verifyLease ./lease (isomorphic): browsers, other runtimes',
    microsPerOp(() => verifyLease(token, keyset, options)),
  ],
  // Once per key and process (the key decoded and checked, no table yet): shown, not held to the
  // per-lease target.
  ['./lease, first lease of a key (once per key)', microsPerOp(firstOfKey, 100)],
  [
    '@noble/ed25519 verify() only (the Ed25519 check before)',
    microsPerOp(() => nobleVerify(signature, preAuth, publicKey, { zip215: false }), 200),
  ],
  [
    'node:crypto Ed25519 verify only',
    microsPerOp(() => verify(null, preAuth, publicKeyObject, signature)),
  ],
  [
    `Go ${spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).stdout.trim()} lease.Verify`,
    goMicrosPerOp(),
  ],
];
const go = rows.at(-1)[1];
const load = loadavg().map((n) => n.toFixed(2));
console.log(
  `Lease verification: median of ${ROUNDS} rounds × ${ITERATIONS} leases (100 for a first lease, 200 for noble), Node ${process.version}, load average ${load.join(' ')}\n`,
);
console.log(`${'implementation'.padEnd(58)} µs/lease  vs Go  target ≤ 1 ms`);
for (const [name, us] of rows) {
  const target = name.startsWith('verifyLease') ? (us <= TARGET_MICROS ? '✓' : '✗') : '';
  console.log(
    `${name.padEnd(58)}${us.toFixed(1).padStart(9)} ${`${(us / go).toFixed(2)}×`.padStart(6)}  ${target}`,
  );
}
const size = await measureBundle(LEASE_IMPORT);
console.log(
  `\nbrowser bundle (verifyLease, Ed25519 and SHA-512 included): ${size.minified} B minified, ${size.gzip} B gzip`,
);
mkdirSync(reports, { recursive: true });
writeFileSync(
  join(reports, 'bench-lease-download-keys.txt'),
  JSON.stringify(
    { node: process.version, load, rounds: ROUNDS, iterations: ITERATIONS, rows, size },
    null,
    2,
  ),
);
