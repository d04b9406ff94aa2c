// The library entry must run unchanged in browsers and Node: no Node or DOM APIs, no clock,
// no randomness, and no dependency but @noble/hashes (and @noble/ed25519 for `./lease` only).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = dirname(fileURLToPath(import.meta.url));
const librarySources = readdirSync(srcDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => [f, readFileSync(join(srcDir, f), 'utf8')] as const);

describe('library purity', () => {
  it('covers the library modules', () => {
    expect(librarySources.map(([f]) => f)).toContain('licenseKey.ts');
  });
  it.each(librarySources)('%s uses no Node, DOM, clock or randomness API', (_file, text) => {
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/from\s+['"]node:/);
    expect(code).not.toMatch(
      /\b(Date\.now|new Date|Math\.random|getRandomValues|performance\.now)\b/,
    );
    expect(code).not.toMatch(/\b(window|document|navigator|localStorage|process)\./);
    for (const [, spec] of code.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
      expect(
        spec?.startsWith('./') || spec?.startsWith('@noble/hashes/') || spec === '@noble/ed25519',
      ).toBe(true);
    }
  });
  const distDir = join(srcDir, '..', 'dist');
  /**
   * The packages a built entry (ESM or CommonJS) and the chunks it loads import or require, and
   * the files it loads.
   */
  const importsOf = (entry: string) => {
    const seen = new Set<string>();
    const external: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(distDir, file), 'utf8');
      for (const [, spec] of text.matchAll(/^(?:import|export)[^'"]*from\s*['"]([^'"]+)['"]/gm)) {
        if (spec?.startsWith('./')) visit(spec.slice(2));
        else if (spec) external.push(spec);
      }
      for (const [, spec] of text.matchAll(/^import\s*['"]([^'"]+)['"]/gm)) {
        if (spec?.startsWith('./')) visit(spec.slice(2));
        else if (spec) external.push(spec);
      }
      for (const [, spec] of text.matchAll(/\brequire\(['"]([^'"]+)['"]\)/g)) {
        if (spec?.startsWith('./')) visit(spec.slice(2));
        else if (spec) external.push(spec);
      }
    };
    visit(entry);
    return { external, seen };
  };
  it('the built entry and the chunks it loads import only @noble/hashes', () => {
    const { external, seen } = importsOf('index.js');
    expect(external.length).toBeGreaterThan(0);
    for (const spec of external) expect(spec).toMatch(/^@noble\/hashes\//);
    expect([...seen].join('\n')).not.toMatch(/cli/);
  });
  it('the built platforms entry imports nothing: no hashing comes with the table', () => {
    const { external, seen } = importsOf('platforms.js');
    expect(external).toEqual([]);
    expect([...seen].join('\n')).not.toMatch(/cli|node/);
  });
  // Every entry of package.json's exports but ./node may end up in a browser bundle (the
  // landing's, for one): none may load a Node module (node:crypto, built as 'crypto'), as ESM or
  // as CommonJS.
  type Target = string | { import: { default: string }; require: { default: string } };
  const manifest = JSON.parse(readFileSync(join(srcDir, '..', 'package.json'), 'utf8'));
  const builtFiles = (entry: string) => {
    const target = (manifest.exports as Record<string, Target>)[entry];
    if (typeof target !== 'object') throw new Error(`package.json exports no entry ${entry}`);
    return [target.import.default, target.require.default].map((f) => f.replace(/^\.\/dist\//, ''));
  };
  const browserEntries = Object.entries(manifest.exports as Record<string, Target>)
    .filter(([entry, target]) => typeof target === 'object' && entry !== './node')
    .flatMap(([entry]) => builtFiles(entry).map((file) => [entry, file] as const));
  it('lists the entries a browser may import, ./node not among them', () => {
    expect([...new Set(browserEntries.map(([entry]) => entry))]).toEqual([
      '.',
      './activation',
      './platforms',
      './lease',
    ]);
  });
  it.each(browserEntries)('the built %s entry (%s) loads no Node module', (_entry, file) => {
    const { external, seen } = importsOf(file);
    for (const spec of external) expect(spec).toMatch(/^@noble\/(hashes\/|ed25519$)/);
    expect(seen.size).toBeGreaterThan(0);
  });
  it.each(builtFiles('./node'))(
    'the built ./node entry (%s) does load crypto: the checks above can fail',
    (file) => {
      expect(importsOf(file).external).toContain('crypto');
    },
  );
  it('the built lease entry imports only @noble/ed25519 and @noble/hashes', () => {
    const { external, seen } = importsOf('lease.js');
    expect(external).toContain('@noble/ed25519');
    for (const spec of external) expect(spec).toMatch(/^@noble\/(hashes\/|ed25519$)/);
    expect([...seen].join('\n')).not.toMatch(/cli|node/);
  });
});
