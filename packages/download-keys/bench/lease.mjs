#!/usr/bin/env node
// Benchmark: time to verify one lease (PASETO v4.public, Ed25519) with this library's
// verifyLease (@noble/ed25519), with node:crypto's Ed25519 verify over the same bytes (for
// scale), and with the Go reference (`go test -bench BenchmarkVerify ./lease`). Prints the
// median of several rounds; it is not a test and asserts nothing.
import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LEASE_IMPLICIT, verifyLease } from '../dist/lease.js';
import { signLease } from '../dist/node.js';
import { LEASE_IMPORT, measureBundle } from '../scripts/bundle-size.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const goDir = join(here, '..', 'go');
const reports = join(here, '..', '..', '..', 'reports');
const ITERATIONS = 2_000;
const ROUNDS = 5;

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

function microsPerOp(fn) {
  for (let i = 0; i < 200; i++) fn(); // warm the JIT
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < ITERATIONS; i++) fn();
    rounds.push(Number(process.hrtime.bigint() - start) / ITERATIONS / 1000);
  }
  return median(rounds);
}

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

const rows = [
  ['verifyLease (@noble/ed25519)', microsPerOp(() => verifyLease(token, keyset, options))],
  [
    'node:crypto Ed25519 verify only',
    microsPerOp(() => verify(null, preAuth, publicKeyObject, signature)),
  ],
  [
    `Go ${spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).stdout.trim()} lease.Verify`,
    goMicrosPerOp(),
  ],
];
const go = rows[2][1];
console.log(
  `Lease verification: median of ${ROUNDS} rounds × ${ITERATIONS} leases, Node ${process.version}\n`,
);
console.log(`${'implementation'.padEnd(36)} µs/lease  vs Go`);
for (const [name, us] of rows) {
  console.log(
    `${name.padEnd(36)}${us.toFixed(1).padStart(9)} ${`${(us / go).toFixed(2)}×`.padStart(6)}`,
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
    { node: process.version, rounds: ROUNDS, iterations: ITERATIONS, rows, size },
    null,
    2,
  ),
);
