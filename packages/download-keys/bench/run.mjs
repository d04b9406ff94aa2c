#!/usr/bin/env node
// Benchmark: ns per license key and per download hash for this library, crypto-js (what the
// production site used), node:crypto and the Go reference (`go test -bench`), with ratios to Go,
// plus the browser bundle size. Prints figures; it is not a test and asserts nothing.
// Each figure is the median of several rounds; these machines are noisy.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import CryptoJS from 'crypto-js';
import { downloadHash, generateLicenseKey } from '../dist/index.js';
import { measureBundle } from '../scripts/bundle-size.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const goDir = join(here, '..', 'go');
const reports = join(here, '..', '..', '..', 'reports');

// Same inputs as the Go benchmarks (BenchmarkLicenseKey / BenchmarkDownloadHash).
const SESSION = 'cs_test_a1B2c3D4e5F6g7H8i9J0';
const SECRET = 'bench-only-secret-0123456789abcdef';
const WINDOW = 40648;
const PLATFORM = 'macos';
const ITERATIONS = 200_000;
const ROUNDS = 5;

// The same algorithm (docs/algorithms.md) over another SHA-256, so only the hashing differs.
const REPLACEMENTS = { 0: 'A', 1: 'B', O: 'C', I: 'D', 5: 'E', 7: 'F', 8: 'G' };
function implementation(sha256Hex) {
  return {
    key: () => {
      const b = sha256Hex(`${SESSION}-${SECRET}`);
      const checksum = sha256Hex(b.slice(0, 20)).slice(0, 4);
      const raw = `LM-${b.slice(0, 4)}-${b.slice(4, 8)}-${b.slice(8, 12)}-${b.slice(12, 16)}-${checksum}`;
      return raw.toUpperCase().replace(/[01OI578]/g, (c) => REPLACEMENTS[c]);
    },
    hash: () => sha256Hex(`${SECRET}:download-access:${WINDOW}:${PLATFORM}`).slice(0, 16),
  };
}
const viaNode = implementation((text) => createHash('sha256').update(text, 'utf8').digest('hex'));
const viaCryptoJs = implementation((text) => CryptoJS.SHA256(text).toString(CryptoJS.enc.Hex));
const viaLibrary = {
  key: () => generateLicenseKey(SESSION, SECRET),
  hash: () => downloadHash(SECRET, WINDOW, PLATFORM),
};

// The three must agree before their speed means anything.
const expected = viaLibrary.key();
for (const [name, impl] of [
  ['node:crypto', viaNode],
  ['crypto-js', viaCryptoJs],
]) {
  if (impl.key() !== expected || impl.hash() !== viaLibrary.hash()) {
    console.error(`bench: ${name} disagrees with the library; the comparison would be meaningless`);
    process.exit(1);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function nsPerOp(fn) {
  for (let i = 0; i < 20_000; i++) fn(); // warm the JIT
  const rounds = [];
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < ITERATIONS; i++) sink += fn().length;
    rounds.push(Number(process.hrtime.bigint() - start) / ITERATIONS);
  }
  if (sink === 0) throw new Error('unreachable: results were empty');
  return median(rounds);
}

function goNsPerOp() {
  const run = spawnSync(
    'go',
    [
      'test',
      '-run',
      '^$',
      '-bench',
      '^Benchmark(LicenseKey|DownloadHash)$',
      '-benchtime',
      `${ITERATIONS}x`,
      '-count',
      String(ROUNDS),
      '.',
    ],
    { cwd: goDir, env: { ...process.env, GOPROXY: 'off', GOFLAGS: '' }, encoding: 'utf8' },
  );
  if (run.status !== 0) {
    console.error(`bench: go test -bench failed (is Go installed?)\n${run.stdout}${run.stderr}`);
    process.exit(1);
  }
  const samples = { key: [], hash: [] };
  for (const match of run.stdout.matchAll(
    /^Benchmark(LicenseKey|DownloadHash)\S*\s+\d+\s+([\d.]+) ns\/op/gm,
  )) {
    samples[match[1] === 'LicenseKey' ? 'key' : 'hash'].push(Number(match[2]));
  }
  if (samples.key.length === 0 || samples.hash.length === 0) {
    console.error(`bench: no Go benchmark lines found in:\n${run.stdout}`);
    process.exit(1);
  }
  return { key: median(samples.key), hash: median(samples.hash) };
}

const go = goNsPerOp();
const rows = [
  ['@local-memory/download-keys', nsPerOp(viaLibrary.key), nsPerOp(viaLibrary.hash)],
  ['crypto-js 4.2 (production)', nsPerOp(viaCryptoJs.key), nsPerOp(viaCryptoJs.hash)],
  ['node:crypto', nsPerOp(viaNode.key), nsPerOp(viaNode.hash)],
  [
    `Go ${spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).stdout.trim()} reference`,
    go.key,
    go.hash,
  ],
];

const fmt = (n) => n.toFixed(0).padStart(8);
const ratio = (n, base) => `${(n / base).toFixed(2)}×`.padStart(7);
console.log(
  `Median of ${ROUNDS} rounds × ${ITERATIONS.toLocaleString('en')} operations, Node ${process.version}\n`,
);
console.log(`${'implementation'.padEnd(30)} ns/key  vs Go   ns/hash  vs Go`);
for (const [name, key, hash] of rows) {
  console.log(
    `${name.padEnd(30)}${fmt(key)} ${ratio(key, go.key)} ${fmt(hash)} ${ratio(hash, go.hash)}`,
  );
}

const size = await measureBundle();
const library = rows[0];
const cryptoJs = rows[1];
console.log(
  `\nbrowser bundle (generateLicenseKey + downloadLinks, SHA-256 included): ${size.minified} B minified, ${size.gzip} B gzip`,
);
console.log(
  `targets: library ≤ 10× Go per key: ${(library[1] / go.key).toFixed(2)}× ${library[1] / go.key <= 10 ? 'met' : 'MISSED'}; ` +
    `not slower than crypto-js: ${(library[1] / cryptoJs[1]).toFixed(2)}× ${library[1] <= cryptoJs[1] ? 'met' : 'MISSED'}; ` +
    `≤ 5120 B gzip: ${size.gzip <= 5120 ? 'met' : 'MISSED'}`,
);

mkdirSync(reports, { recursive: true });
writeFileSync(
  join(reports, 'bench-download-keys.txt'),
  JSON.stringify(
    { node: process.version, rounds: ROUNDS, iterations: ITERATIONS, rows, size },
    null,
    2,
  ),
);
