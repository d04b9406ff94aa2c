// Behaviour of tsgo.mjs: it runs TypeScript 7, passes tsc's arguments through, and fails with
// tsc's diagnostics on a type error (so a broken type can never pass `npm test`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const base = join(here, '..', '..', 'tsconfig.base.json');
const dirs = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const tsgo = (...args) =>
  spawnSync(process.execPath, [join(here, 'tsgo.mjs'), ...args], { encoding: 'utf8' });

/** A project that extends the repo's base configuration, holding one file. */
function project(source) {
  const dir = mkdtempSync(join(tmpdir(), 'tsgo-test-'));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: base, compilerOptions: { types: [] }, include: ['index.ts'] }),
  );
  writeFileSync(join(dir, 'index.ts'), source);
  return join(dir, 'tsconfig.json');
}

describe('tsgo', () => {
  it('is TypeScript 7', () => {
    const run = tsgo('--version');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Version 7\.\d+\.\d+/);
  });

  it('passes a project without type errors under the repo base configuration', () => {
    const run = tsgo('-p', project('export const n: number = [1, 2].length;\n'));
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0, run.stdout);
  });

  it('fails with the diagnostic on a type error', () => {
    const run = tsgo('-p', project("export const n: number = 'one';\n"));
    assert.notEqual(run.status, 0);
    assert.match(
      run.stdout,
      /index\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'/,
    );
  });

  it('holds the base configuration’s strictness: an unchecked index is an error', () => {
    const run = tsgo('-p', project('export const first = (xs: string[]): string => xs[0];\n'));
    assert.notEqual(run.status, 0);
    assert.match(run.stdout, /error TS2322: Type 'string \| undefined' is not assignable/);
  });
});
