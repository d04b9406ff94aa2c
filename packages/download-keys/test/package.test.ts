// What someone who installs the package gets: the packed tarball passes publint and
// @arethetypeswrong/cli, installs offline into a scratch project, and works from ESM, from
// CommonJS, from a CommonJS TypeScript file (type-checked, then run) and in an esbuild browser
// bundle. Needs a fresh `npm run build` (the test command runs after turbo's build).
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bin = (pkg: string, name: string) => {
  const dir = installedDir(pkg);
  const binField = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).bin;
  return join(dir, typeof binField === 'string' ? binField : binField[name]);
};
/** The folder of a dependency as the workspace installed it (nearest node_modules upwards). */
function installedDir(name: string): string {
  for (let dir = packageDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`${name} is not installed in the workspace`);
  }
}
// Vectors from docs/algorithms.md, so every use below checks real output.
const SPEC_KEY = 'LM-EB2B-6DAD-E6BB-93FE-C9D2';

// The temporary folder this file owns; only ever this folder is removed afterwards.
let root: string | undefined;
let scratch: string;
let tarball: string;
const run = (cmd: string, args: string[], cwd = scratch) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'dk-package-'));
  root = dir;
  run('npm', ['pack', '--pack-destination', dir, '--silent'], packageDir);
  const name = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!name) throw new Error('npm pack wrote no tarball');
  tarball = join(dir, name);
  // Offline: the package's dependencies are packed from the workspace's own install, so npm
  // resolves everything from local tarballs and never asks a registry.
  const deps = Object.keys(
    JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).dependencies ?? {},
  );
  const depDir = join(dir, 'deps');
  mkdirSync(depDir);
  run('npm', ['pack', '--pack-destination', depDir, '--silent', ...deps.map(installedDir)], dir);
  scratch = join(dir, 'project');
  mkdirSync(scratch);
  writeFileSync(join(scratch, 'package.json'), '{ "name": "scratch", "private": true }\n');
  const depTarballs = readdirSync(depDir).map((f) => join(depDir, f));
  run('npm', ['install', '--offline', '--no-package-lock', tarball, ...depTarballs], scratch);
}, 120_000);
afterAll(() => {
  if (root && basename(root).startsWith('dk-package-')) {
    rmSync(root, { recursive: true, force: true });
  }
});

describe('the published package', () => {
  it('ships the library, types, vectors, README and LICENSE, and nothing private', () => {
    const installed = join(scratch, 'node_modules', '@local-memory', 'download-keys');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe('MIT');
    const files = readdirSync(installed);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'dist', 'vectors']));
    expect(files).not.toContain('src');
    expect(files).not.toContain('go');
    expect(readdirSync(join(installed, 'dist'))).toEqual(
      expect.arrayContaining(['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts', 'node.cjs']),
    );
  });

  it('passes publint (strict)', () => {
    const out = run(process.execPath, [bin('publint', 'publint'), 'run', tarball, '--strict']);
    expect(out).toContain('All good');
  });

  it('passes @arethetypeswrong/cli (node16 and bundler resolution)', () => {
    // node10 (TypeScript's legacy `moduleResolution: node`) cannot see subpath exports such as
    // `./node`; the package needs Node >= 20, whose resolution is node16.
    const out = run(process.execPath, [
      bin('@arethetypeswrong/cli', 'attw'),
      tarball,
      '--profile',
      'node16',
      '--no-definitely-typed',
      '--format',
      'ascii',
    ]);
    // attw exits non-zero on any problem (execFileSync would throw); both module systems resolve.
    expect(out).toContain('node16 (from CJS): 🟢 (CJS)');
    expect(out).toContain('node16 (from ESM): 🟢 (ESM)');
    expect(out).not.toMatch(/❌|🐛|⚠️/);
  });

  it('works from ESM, both entries sharing one error class', () => {
    writeFileSync(
      join(scratch, 'esm.mjs'),
      `import { generateLicenseKey, isDownloadKeysError, DownloadKeysTypeError } from '@local-memory/download-keys';
import { readConfiguredSecret } from '@local-memory/download-keys/node';
let shared = false;
try { await readConfiguredSecret({}); } catch (e) { shared = e instanceof DownloadKeysTypeError && isDownloadKeysError(e); }
console.log(JSON.stringify({ key: generateLicenseKey('cs_test_12345', 'test-secret-key'), shared }));
`,
    );
    expect(JSON.parse(run(process.execPath, ['esm.mjs']))).toEqual({ key: SPEC_KEY, shared: true });
  });

  it('works from CommonJS', () => {
    writeFileSync(
      join(scratch, 'cjs.cjs'),
      `const dk = require('@local-memory/download-keys');
const node = require('@local-memory/download-keys/node');
let shared = false;
try { node.parseBase10Integer('010', '--window'); } catch (e) { shared = e instanceof dk.DownloadKeysRangeError; }
console.log(JSON.stringify({ key: dk.generateLicenseKey('cs_test_12345', 'test-secret-key'), shared }));
`,
    );
    expect(JSON.parse(run(process.execPath, ['cjs.cjs']))).toEqual({ key: SPEC_KEY, shared: true });
  });

  it('type-checks and runs as a CommonJS TypeScript file', () => {
    writeFileSync(
      join(scratch, 'check.cts'),
      `import { generateLicenseKey, type LicenseKeyFormatResult, validateLicenseKeyFormat } from '@local-memory/download-keys';
import { parseBase10Integer } from '@local-memory/download-keys/node';
const result: LicenseKeyFormatResult = validateLicenseKeyFormat(generateLicenseKey('cs_test_12345', 'test-secret-key'));
const window: number = parseBase10Integer('40648', '--window');
export const out = JSON.stringify({ valid: result.valid, window });
`,
    );
    writeFileSync(join(scratch, 'run.cjs'), `console.log(require('./check.cjs').out);\n`);
    run(process.execPath, [
      bin('typescript', 'tsc'),
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--lib',
      'es2022',
      'check.cts',
    ]);
    expect(JSON.parse(run(process.execPath, ['run.cjs']))).toEqual({ valid: true, window: 40648 });
  });

  it('bundles for the browser with esbuild and runs without Node', async () => {
    const result = await build({
      stdin: {
        contents: `import { downloadLinks, generateLicenseKey } from '@local-memory/download-keys';
globalThis.result = { key: generateLicenseKey('cs_test_12345', 'test-secret-key'),
  url: downloadLinks({ secret: 'test-secret-key', baseUrl: '/downloads', unixSeconds: 1755993600, platforms: ['linux'] }).links[0].url };`,
        resolveDir: scratch,
        loader: 'js',
      },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/require\(|node:/);
    // A bare context: no require, no process, no Buffer; only what browsers have that it uses.
    const context: { result?: unknown; TextEncoder: typeof TextEncoder } = { TextEncoder };
    runInNewContext(code, context);
    expect(context.result).toEqual({
      key: SPEC_KEY,
      url: '/downloads/40648/15848b2649ad7344/linux/local-memory-linux.zip',
    });
  });

  it('verifies a lease through ./lease from ESM, CommonJS and a browser bundle', async () => {
    // The official PASETO vector 4-S-2, signature only, and the error class shared with `.`.
    const vectors = JSON.parse(
      readFileSync(join(packageDir, 'vectors', 'paseto-v4-public.json'), 'utf8'),
    ) as { cases: Array<Record<string, string>> };
    const c = vectors.cases.find((v) => v.id === '4-S-2') as Record<string, string>;
    const check = (load: string) => `const lease = ${load};
const key = Uint8Array.from(${JSON.stringify(c.publicKey)}.match(/../g), (h) => parseInt(h, 16));
const { payload } = lease.verifyV4Public(${JSON.stringify(c.token)}, key, { implicit: '' });
let code;
try { lease.verifyLease('v4.local.x.y', {}, { now: 0, implicit: lease.LEASE_IMPLICIT }); } catch (e) { code = e.code; }
globalThis.result = { payload: new TextDecoder().decode(payload), code };`;
    const want = { payload: c.payload, code: 'WRONG_PURPOSE' };
    writeFileSync(
      join(scratch, 'lease.mjs'),
      `${check("await import('@local-memory/download-keys/lease')")}
console.log(JSON.stringify(globalThis.result));
`,
    );
    expect(JSON.parse(run(process.execPath, ['lease.mjs']))).toEqual(want);
    writeFileSync(
      join(scratch, 'lease.cjs'),
      `(async () => { ${check("require('@local-memory/download-keys/lease')")}
console.log(JSON.stringify(globalThis.result)); })();
`,
    );
    expect(JSON.parse(run(process.execPath, ['lease.cjs']))).toEqual(want);
    const result = await build({
      stdin: {
        contents: `import * as leaseEntry from '@local-memory/download-keys/lease';
${check('leaseEntry')}`,
        resolveDir: scratch,
        loader: 'js',
      },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/require\(|node:/);
    const context: Record<string, unknown> = { TextEncoder, TextDecoder };
    runInNewContext(code, context);
    expect(context.result).toEqual(want);
  });

  it('installs the download-keys command', () => {
    const out = run(join(scratch, 'node_modules', '.bin', 'download-keys'), ['--version']);
    expect(out.trim()).toBe(
      JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version,
    );
  });
});
