// The landing's layering (see layering.ts), checked on the real sources and, to show the check
// can fail, on a fixture tree written to disk with one violation of every kind.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importsOf, layeringViolations, readSources, SRC_DIR } from './layering';

/**
 * Known, named debts. Each entry must still be a violation (the test fails once it is fixed, so
 * the line gets deleted), and nothing else may be.
 */
const KNOWN: readonly { file: string; specifier: string; why: string }[] = [];

describe('the landing sources', () => {
  const sources = readSources(SRC_DIR);

  it('are all seen by the check', () => {
    expect(Object.keys(sources)).toEqual(
      expect.arrayContaining([
        'main.tsx',
        'app/App.tsx',
        'pages/SuccessPage.tsx',
        'features/downloads/DownloadsPanel.tsx',
        'components/CopyButton.tsx',
        'config/env.ts',
      ]),
    );
  });

  it('keep the layering: features apart, components free of features, pages only composing', () => {
    const violations = layeringViolations(sources);
    const explained = violations.map((v) => `${v.file} imports ${v.specifier}: ${v.rule}`);
    expect(
      violations.map(({ file, specifier }) => ({ file, specifier })),
      explained.join('\n'),
    ).toEqual(KNOWN.map(({ file, specifier }) => ({ file, specifier })));
  });
});

describe('the check fails on a violation', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'layering-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));
  const files: Record<string, string> = {
    'main.tsx': "import { App } from './app/App';\n",
    'app/App.tsx': "import Home from '../pages/Home';\nexport const App = () => Home;\n",
    // Allowed: own feature, components, config, testing, packages.
    'features/cart/Cart.tsx': [
      "import { total } from './total';",
      "import { Button } from '../../components/Button';",
      "import { config } from '../../config/env';",
      "import { render } from '../../testing/test-utils';",
      "import { useState } from 'react';",
      "import { downloadLinks } from '@local-memory/download-keys';",
      // Violations:
      "import { Price } from '../pricing/Price';",
      "export { format } from '../pricing/format';",
      "import type { Plan } from '../pricing/types';",
      "const lazy = () => import('../pricing/Lazy');",
      "import Home from '../../pages/Home';",
      "import { App } from '../../app/App';",
    ].join('\n'),
    'features/pricing/Price.tsx': 'export const Price = () => null;\n',
    'components/Button.tsx': [
      "import { config } from '../config/env';",
      "import { Cart } from '../features/cart/Cart';",
    ].join('\n'),
    'config/env.ts': "import { Button } from '../components/Button';\n",
    'pages/Home.tsx': [
      "import { Cart } from '../features/cart/Cart';",
      "import { Button } from '../components/Button';",
      "import { Link } from 'react-router-dom';",
      "import type { Platform } from '@local-memory/download-keys';",
      "import { generateLicenseKey } from '@local-memory/download-keys';",
      "import Other from './Other';",
      "import { App } from '../app/App';",
    ].join('\n'),
    'pages/Home.test.tsx': "import Home from './Home';\nimport { it } from 'vitest';\n",
    'pages/Other.tsx': 'export default null;\n',
    'lib/helpers.ts': 'export const x = 1;\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), text);
  }

  it('names every violation in the fixture, and only those', () => {
    const found = layeringViolations(readSources(fixture)).map((v) => [v.file, v.specifier]);
    expect(found).toEqual([
      ['components/Button.tsx', '../features/cart/Cart'],
      ['config/env.ts', '../components/Button'],
      ['features/cart/Cart.tsx', '../pricing/Price'],
      ['features/cart/Cart.tsx', '../pricing/format'],
      ['features/cart/Cart.tsx', '../pricing/types'],
      ['features/cart/Cart.tsx', '../pricing/Lazy'],
      ['features/cart/Cart.tsx', '../../pages/Home'],
      ['features/cart/Cart.tsx', '../../app/App'],
      ['lib/helpers.ts', ''],
      ['pages/Home.tsx', '@local-memory/download-keys'],
      ['pages/Home.tsx', './Other'],
      ['pages/Home.tsx', '../app/App'],
    ]);
  });

  it('says which rule was broken', () => {
    const rules = layeringViolations(readSources(fixture)).map((v) => v.rule);
    expect(rules).toContain(
      'features never import each other: features/cart imports features/pricing',
    );
    expect(rules.some((r) => r.startsWith('pages only compose: @local-memory/download-keys'))).toBe(
      true,
    );
    expect(rules.some((r) => r.startsWith('src/lib/ is not a known layer'))).toBe(true);
  });
});

describe('importsOf', () => {
  it('sees static, re-exported, dynamic and type imports, and tells type-only ones apart', () => {
    const text = [
      "import a from './a';",
      "import type { B } from './b';",
      "export { c } from './c';",
      "export type { D } from './d';",
      "const e = await import('./e');",
      "type F = import('./f').F;",
      "import './g.css';",
    ].join('\n');
    expect(importsOf('x.ts', text)).toEqual([
      { specifier: './a', typeOnly: false },
      { specifier: './b', typeOnly: true },
      { specifier: './c', typeOnly: false },
      { specifier: './d', typeOnly: true },
      { specifier: './e', typeOnly: false },
      { specifier: './f', typeOnly: true },
      { specifier: './g.css', typeOnly: false },
    ]);
  });
});
