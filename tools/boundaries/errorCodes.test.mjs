// The error-code casing rule (docs/errors.md): library and CLI codes SCREAMING_SNAKE, the API's
// wire codes snake_case, one error base per workspace. Read from the sources, so a code that
// breaks the rule fails here before any client sees it; a fixture shows each check can fail.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const SCREAMING_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Every code union the rule covers: file, union name, casing. */
const UNIONS = [
  ['packages/download-keys/src/errors.ts', 'DownloadKeysErrorCode', SCREAMING_SNAKE],
  ['packages/download-keys/src/errors.ts', 'LeaseErrorCode', SCREAMING_SNAKE],
  ['packages/download-keys/src/errors.ts', 'CliErrorCode', SCREAMING_SNAKE],
  ['packages/download-ops/src/errors.ts', 'OpsErrorCode', SCREAMING_SNAKE],
  ['apps/landing/src/config/errors.ts', 'LandingErrorCode', SCREAMING_SNAKE],
  ['apps/api/src/errors.ts', 'StartupErrorCode', SCREAMING_SNAKE],
];

/** The wire codes: the contract's lists (`export const NAME = [...] as const`), which the API's unions are. */
const WIRE_LISTS = [
  'REQUEST_ERROR_CODES',
  'FULFILMENT_ERROR_CODES',
  'ACCOUNT_ERROR_CODES',
  'LICENSING_ERROR_CODES',
  'CHECKOUT_ERROR_CODES',
  'WEBHOOK_ERROR_CODES',
  'PURCHASE_LOOKUP_ERROR_CODES',
].map((name) => ['packages/contract/src/errors.ts', name, SNAKE]);

/** The one base each workspace may derive from a built-in error (download-keys: two, by kind). */
const BASES = {
  'packages/download-keys': ['DownloadKeysTypeError', 'DownloadKeysRangeError'],
  'packages/download-ops': ['OpsError'],
  'apps/api': ['ApiError'],
  'apps/landing': ['LandingError'],
};

/** Parts of a workspace another helper owns or that are test doubles, not product errors. */
const SKIP = /(\/node_modules\/|\/dist\/|\/stripe-standin\/|\/testing\/|\/test\/|\.test\.tsx?$)/;

/**
 * The string members of `export type NAME = 'A' | 'B' | Other;` in `text`.
 * @returns the codes, or null when there is no such union
 */
export function unionMembers(text, name) {
  const start = text.search(new RegExp(`export type ${name}\\s*=`));
  if (start < 0) return null;
  const end = text.indexOf(';', start);
  const body = text.slice(start, end).replace(/\/\/[^\n]*/g, '');
  return [...body.matchAll(/'([^']*)'/g)].map((m) => m[1]);
}

/**
 * The string members of `export const NAME = ['a', 'b'] as const;` in `text`.
 * @returns the codes, or null when there is no such list
 */
export function constListMembers(text, name) {
  const start = text.search(new RegExp(`export const ${name}\\s*=\\s*\\[`));
  if (start < 0) return null;
  const end = text.indexOf(']', start);
  const body = text.slice(start, end).replace(/\/\/[^\n]*/g, '');
  return [...body.matchAll(/'([^']*)'/g)].map((m) => m[1]);
}

/** Codes of `codes` that break `casing`. */
export function offenders(codes, casing) {
  return codes.filter((code) => !casing.test(code));
}

/** `class X extends Y` where Y is a built-in error, in `text`. */
export function builtinErrorSubclasses(text) {
  return [
    ...text.matchAll(/class\s+(\w+)(?:<[^>]*>)?\s+extends\s+(Error|TypeError|RangeError)\b/g),
  ].map((m) => m[1]);
}

function sources(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (SKIP.test(`${path}/`) || SKIP.test(path)) continue;
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

describe('error codes', () => {
  for (const [file, name, casing] of UNIONS) {
    it(`${name} (${file}) is ${casing === SNAKE ? 'snake_case' : 'SCREAMING_SNAKE'}`, () => {
      const codes = unionMembers(readFileSync(join(root, file), 'utf8'), name);
      assert.ok(codes !== null, `${file} no longer declares ${name}; update docs/errors.md`);
      assert.ok(codes.length > 0, `${name} has no string codes`);
      assert.deepEqual(offenders(codes, casing), []);
    });
  }

  for (const [file, name, casing] of WIRE_LISTS) {
    it(`${name} (${file}) is snake_case`, () => {
      const codes = constListMembers(readFileSync(join(root, file), 'utf8'), name);
      assert.ok(codes !== null, `${file} no longer declares ${name}; update docs/errors.md`);
      assert.ok(codes.length > 0, `${name} has no string codes`);
      assert.deepEqual(offenders(codes, casing), []);
    });
  }

  for (const [workspace, bases] of Object.entries(BASES)) {
    it(`${workspace} derives only ${bases.join(' and ')} from a built-in error`, () => {
      const found = [];
      for (const dir of ['src', 'vite-plugins']) {
        let files = [];
        try {
          files = sources(join(root, workspace, dir));
        } catch {
          continue;
        }
        for (const file of files) {
          for (const cls of builtinErrorSubclasses(readFileSync(file, 'utf8'))) {
            if (!bases.includes(cls)) found.push(`${relative(root, file)}: ${cls}`);
          }
        }
      }
      assert.deepEqual(found, [], 'extend the workspace base instead (docs/errors.md)');
    });
  }

  it('each check fails on a fixture that breaks it', () => {
    const fixture = [
      "export type WireCode = 'not_found' | 'RateLimited' | 'bad-request';",
      "export type CliCode = 'USAGE' | 'noSuchBucket';",
      "export const WIRE_CODES = ['rate_limited', 'notFound'] as const;",
      'export class Stray extends Error {}',
      'export class Typed<C extends string> extends RangeError {}',
    ].join('\n');
    assert.deepEqual(offenders(unionMembers(fixture, 'WireCode'), SNAKE), [
      'RateLimited',
      'bad-request',
    ]);
    assert.deepEqual(offenders(unionMembers(fixture, 'CliCode'), SCREAMING_SNAKE), [
      'noSuchBucket',
    ]);
    assert.equal(unionMembers(fixture, 'Missing'), null);
    assert.deepEqual(offenders(constListMembers(fixture, 'WIRE_CODES'), SNAKE), ['notFound']);
    assert.equal(constListMembers(fixture, 'MISSING_CODES'), null);
    assert.deepEqual(builtinErrorSubclasses(fixture), ['Stray', 'Typed']);
  });
});
