// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, holdsReactDom, withCompileHint } from './compileHints';

describe('compileHints', () => {
  it('puts the hint on the first line, as V8 requires, and moves the map down one line', () => {
    const hinted = withCompileHint('const a=1;\nexport{a};', 'AAAA;AACA');
    expect(hinted.code.split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
    expect(hinted.code).toBe(`${COMPILE_HINT}\nconst a=1;\nexport{a};`);
    expect(hinted.mappings).toBe(';AAAA;AACA');
  });

  it('hints a chunk once', () => {
    const once = withCompileHint('x()', 'AAAA');
    expect(withCompileHint(once.code, once.mappings)).toEqual(once);
  });

  it('leaves a chunk without a map without one', () => {
    expect(withCompileHint('x()')).toEqual({ code: `${COMPILE_HINT}\nx()` });
  });

  it('finds the chunk that holds React DOM’s client, and only that', () => {
    expect(
      holdsReactDom([
        '/repo/node_modules/react/cjs/react.production.js',
        '/repo/node_modules/react-dom/cjs/react-dom-client.production.js',
      ]),
    ).toBe(true);
    expect(
      holdsReactDom(['C:\\repo\\node_modules\\react-dom\\cjs\\react-dom-client.production.js']),
    ).toBe(true);
    expect(holdsReactDom(['/repo/node_modules/react-dom/cjs/react-dom.production.js'])).toBe(false);
    expect(holdsReactDom(['/repo/apps/landing/src/app/App.tsx'])).toBe(false);
  });
});
