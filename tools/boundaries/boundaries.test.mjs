// The repo's import boundaries (.dependency-cruiser.cjs): the real repo keeps them, and, to show
// the rules can fail, a fixture tree with one violation of every kind breaks each named rule.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONFIG = join(root, '.dependency-cruiser.cjs');
const KNOWN = join(root, '.dependency-cruiser-known-violations.json');
const DEPCRUISE = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
/** Every workspace folder (and the root's own scripts), as the root package.json lists them. */
const REPO_DIRS = ['apps', 'packages', 'tools', 'e2e', 'infra', 'scripts', 'bench'];

function cruise(cwd, args) {
  const run = spawnSync(process.execPath, [DEPCRUISE, '--config', CONFIG, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  return run;
}

describe('the repo', () => {
  const run = cruise(root, ['--ignore-known', KNOWN, '--output-type', 'json', ...REPO_DIRS]);
  const result = JSON.parse(run.stdout);

  it('is all seen by the cruise', () => {
    const sources = result.modules.map((m) => m.source);
    for (const file of [
      'apps/landing/src/main.tsx',
      'apps/landing/src/app/App.tsx',
      'apps/landing/src/pages/SuccessPage.tsx',
      'apps/landing/src/features/downloads/DownloadsPanel.tsx',
      'apps/landing/src/components/CopyButton.tsx',
      'apps/landing/src/config/env.ts',
      'apps/api/src/app.ts',
      'packages/download-keys/src/index.ts',
      'infra/test/functions.test.ts',
    ]) {
      assert.ok(sources.includes(file), `${file} was not cruised`);
    }
  });

  it('keeps its import boundaries (known debts in .dependency-cruiser-known-violations.json)', () => {
    const broken = result.summary.violations
      .filter((v) => v.rule.severity === 'error')
      .map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    assert.deepEqual(broken, [], run.stderr);
    assert.equal(result.summary.error, 0);
  });

  it('still breaks every known debt (a paid debt leaves the list)', () => {
    const key = (v) => `${v.rule.name}: ${v.from} → ${v.to}`;
    const known = JSON.parse(readFileSync(KNOWN, 'utf8')).map(key).sort();
    const ignored = result.summary.violations
      .filter((v) => v.rule.severity === 'ignore')
      .map(key)
      .sort();
    assert.deepEqual(ignored, known);
  });
});

describe('the rules fail on a violation', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'boundaries-'));
  after(() => rmSync(fixture, { recursive: true, force: true }));
  const landing = (path) => `apps/landing/src/${path}`;
  const files = {
    'node_modules/react/package.json': '{"name":"react","main":"index.js"}',
    'node_modules/react/index.js': 'exports.lazy = () => null;\n',
    'node_modules/react-router-dom/package.json': '{"name":"react-router-dom","main":"index.js"}',
    'node_modules/react-router-dom/index.js': 'exports.Link = null;\n',
    'node_modules/@local-memory/download-keys/package.json':
      '{"name":"@local-memory/download-keys","exports":{".":"./index.js","./node":"./dist/node.js","./lease":"./dist/lease.js"}}',
    'node_modules/@local-memory/download-keys/index.js': 'export const downloadLinks = 1;\n',
    'node_modules/@local-memory/download-keys/dist/node.js': 'export const verifyLease = 1;\n',
    'node_modules/@local-memory/download-keys/dist/lease.js': 'export const verifyLease = 1;\n',
    'node_modules/@local-memory/testkit/package.json':
      '{"name":"@local-memory/testkit","exports":{"./mailbox":"./dist/mailbox.js"}}',
    'node_modules/@local-memory/testkit/dist/mailbox.js': 'export const startMailbox = 1;\n',
    [landing('main.tsx')]: "import { App } from './app/App';\n",
    [landing('app/App.tsx')]: "import Home from '../pages/Home';\nexport const App = () => Home;\n",
    [landing('features/cart/Cart.tsx')]: [
      // Allowed: own feature, components, config, testing, packages.
      "import { total } from './total';",
      "import { Button } from '../../components/Button';",
      "import { config } from '../../config/env';",
      "import { render } from '../../testing/test-utils';",
      "import { lazy } from 'react';",
      "import { downloadLinks } from '@local-memory/download-keys';",
      // Violations:
      "import { Price } from '../pricing/Price';",
      "export { format } from '../pricing/format';",
      "import type { Plan } from '../pricing/types';",
      "const later = () => import('../pricing/Lazy');",
      "import Home from '../../pages/Home';",
      "import { App } from '../../app/App';",
      "import { settings } from '../../../vite.config';",
    ].join('\n'),
    [landing('features/cart/total.ts')]: 'export const total = 1;\n',
    // Browser code: the isomorphic ./lease is fine; node:* and the ./node entry are not, but in
    // tests and testing/ helpers.
    [landing('features/licence/verify.ts')]: [
      "import { verifyLease } from '@local-memory/download-keys/lease';",
      "import { verifyLease as onNode } from '@local-memory/download-keys/node';",
      "import { createHash } from 'node:crypto';",
    ].join('\n'),
    [landing('features/licence/verify.test.ts')]: [
      "import { verifyLease } from '@local-memory/download-keys/node';",
      "import { readFileSync } from 'node:fs';",
    ].join('\n'),
    [landing('testing/leases.ts')]: [
      "import { signLease } from '@local-memory/download-keys/node';",
      "import { readFileSync } from 'node:fs';",
    ].join('\n'),
    [landing('features/cart/shim.ts')]:
      "export { downloadLinks } from '@local-memory/download-keys';\n",
    [landing('features/pricing/Price.tsx')]: 'export const Price = () => null;\n',
    [landing('features/pricing/format.ts')]: 'export const format = 1;\n',
    [landing('features/pricing/types.ts')]: 'export type Plan = string;\n',
    [landing('features/pricing/Lazy.tsx')]: 'export default null;\n',
    [landing('testing/test-utils.tsx')]: 'export const render = 1;\n',
    [landing('components/Button.tsx')]: [
      "import { config } from '../config/env';",
      "import { Cart } from '../features/cart/Cart';",
    ].join('\n'),
    [landing('config/env.ts')]: "import { Button } from '../components/Button';\n",
    [landing('pages/Home.tsx')]: [
      "import { Cart } from '../features/cart/Cart';",
      "import { Button } from '../components/Button';",
      "import { Link } from 'react-router-dom';",
      "import type { X } from '@local-memory/download-keys';",
      "import { downloadLinks } from '@local-memory/download-keys';",
      "import Other from './Other';",
      "import Half from './Home.half';",
      "import { App } from '../app/App';",
    ].join('\n'),
    [landing('pages/Home.half.tsx')]: 'export default null;\n',
    [landing('pages/Home.test.tsx')]: [
      "import Home from './Home';",
      "import { downloadLinks } from '@local-memory/download-keys';",
    ].join('\n'),
    [landing('pages/Other.tsx')]: 'export default null;\n',
    [landing('lib/helpers.ts')]: 'export const x = 1;\n',
    [landing('util/format.ts')]: "import { lazy } from 'react';\n",
    'apps/landing/vite.config.ts': 'export const settings = 1;\n',
    'apps/api/src/app.ts': [
      "import { downloadLinks } from '@local-memory/download-keys';",
      "import { secret } from '../../../packages/download-keys/src/secret';",
      "import { startMailbox } from '@local-memory/testkit/mailbox';",
    ].join('\n'),
    // Tests and the testing/ helpers beside them may use the testkit; production sources may not.
    'apps/api/src/app.test.ts': "import { startMailbox } from '@local-memory/testkit/mailbox';\n",
    'apps/api/src/testing/harness.ts':
      "import { startMailbox } from '@local-memory/testkit/mailbox';\n",
    'packages/download-ops/src/store.ts':
      "import { startMailbox } from '@local-memory/testkit/mailbox';\n",
    'packages/download-ops/test/store.test.ts':
      "import { startMailbox } from '@local-memory/testkit/mailbox';\n",
    'packages/download-keys/src/secret.ts': "import { randomBytes } from 'node:crypto';\n",
    'packages/download-keys/src/cli/main.ts': "import { readFileSync } from 'node:fs';\n",
    'packages/download-keys/src/node/file.ts': "import { readFile } from 'node:fs/promises';\n",
    'e2e/spec.ts': "import { x } from '../scripts/tool.mjs';\n",
    'scripts/tool.mjs': 'export const x = 1;\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), text);
  }
  const run = cruise(fixture, ['--output-type', 'json', 'apps', 'packages', 'e2e', 'scripts']);
  const violations = () =>
    JSON.parse(run.stdout)
      .summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
      .sort();

  it('exits non-zero, naming the rule', () => {
    const failing = cruise(fixture, ['--output-type', 'err', 'apps/api']);
    assert.notEqual(failing.status, 0, failing.stderr);
    assert.match(
      failing.stdout,
      /error no-cross-workspace-relative-import: apps\/api\/src\/app\.ts/,
    );
  });

  it('names every violation by its rule, and only those', () => {
    const a = 'apps/landing/src/';
    assert.deepEqual(
      violations(),
      [
        `landing-components-import-only-components-and-config: ${a}components/Button.tsx → ${a}features/cart/Cart.tsx`,
        `landing-config-imports-only-config: ${a}config/env.ts → ${a}components/Button.tsx`,
        `landing-features-import-no-page-app-or-entry: ${a}features/cart/Cart.tsx → ${a}app/App.tsx`,
        `landing-features-import-no-page-app-or-entry: ${a}features/cart/Cart.tsx → ${a}pages/Home.tsx`,
        `landing-features-never-import-each-other: ${a}features/cart/Cart.tsx → ${a}features/pricing/Lazy.tsx`,
        `landing-features-never-import-each-other: ${a}features/cart/Cart.tsx → ${a}features/pricing/Price.tsx`,
        `landing-features-never-import-each-other: ${a}features/cart/Cart.tsx → ${a}features/pricing/format.ts`,
        `landing-features-never-import-each-other: ${a}features/cart/Cart.tsx → ${a}features/pricing/types.ts`,
        `landing-browser-code-no-node-builtins: ${a}features/licence/verify.ts → crypto`,
        `landing-browser-code-no-node-entry: ${a}features/licence/verify.ts → node_modules/@local-memory/download-keys/dist/node.js`,
        `landing-features-reexport-no-package: ${a}features/cart/shim.ts → node_modules/@local-memory/download-keys/index.js`,
        `landing-no-unknown-layer-orphan: ${a}lib/helpers.ts → ${a}lib/helpers.ts`,
        `landing-no-unknown-layer-importer: ${a}util/format.ts → node_modules/react/index.js`,
        `landing-pages-only-compose: ${a}pages/Home.tsx → ${a}app/App.tsx`,
        `landing-pages-only-compose: ${a}pages/Home.tsx → ${a}pages/Other.tsx`,
        `landing-pages-use-no-domain-package: ${a}pages/Home.tsx → node_modules/@local-memory/download-keys/index.js`,
        `landing-src-stays-in-src: ${a}features/cart/Cart.tsx → apps/landing/vite.config.ts`,
        'download-keys-browser-entry-no-node-builtins: packages/download-keys/src/secret.ts → crypto',
        'no-cross-workspace-relative-import: apps/api/src/app.ts → packages/download-keys/src/secret.ts',
        'no-cross-workspace-relative-import: e2e/spec.ts → scripts/tool.mjs',
        'production-imports-no-testkit: apps/api/src/app.ts → node_modules/@local-memory/testkit/dist/mailbox.js',
        'production-imports-no-testkit: packages/download-ops/src/store.ts → node_modules/@local-memory/testkit/dist/mailbox.js',
      ].sort(),
    );
  });
});
