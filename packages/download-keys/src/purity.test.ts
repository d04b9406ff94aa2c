// The library entry must run unchanged in browsers and Node: no Node or DOM APIs, no clock,
// no randomness, and no dependency but @noble/hashes.
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
      expect(spec?.startsWith('./') || spec?.startsWith('@noble/hashes/')).toBe(true);
    }
  });
  it('the built entry imports only @noble/hashes', () => {
    const dist = readFileSync(join(srcDir, '..', 'dist', 'index.js'), 'utf8');
    const imports = [...dist.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const spec of imports) expect(spec).toMatch(/^@noble\/hashes\//);
  });
});
