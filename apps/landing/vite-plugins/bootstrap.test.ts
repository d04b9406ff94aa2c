import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bootstrapScript, cspHash, inlineEntryScript } from './bootstrap';

const ENTRY = '/assets/index-AbC123.js';
const TEMPLATE = `<!doctype html><html><head><title>t</title>
    <script type="module" crossorigin src="${ENTRY}"></script>
  </head><body><div id="root"></div></body></html>`;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('inlineEntryScript', () => {
  it('replaces the entry <script src> with the inline bootstrap, and hashes exactly its text', () => {
    const { html, scriptHash } = inlineEntryScript(TEMPLATE);
    expect(html).not.toContain(' src=');
    const inline = new RegExp(
      `<script type="module" data-entry="${ENTRY}">([\\s\\S]*?)</script>`,
    ).exec(html)?.[1];
    expect(inline).toBe(bootstrapScript());
    // The entry's name is outside the hashed text: the hash does not change with every build.
    expect(inline).not.toContain('/assets/');
    // As a browser hashes an inline script for script-src: the UTF-8 text between the tags.
    const expected = createHash('sha256')
      .update(inline ?? '', 'utf8')
      .digest('base64');
    expect(scriptHash).toBe(`sha256-${expected}`);
    expect(cspHash(inline ?? '')).toBe(scriptHash);
  });

  it('refuses a template with no entry script, or more than one', () => {
    expect(() => inlineEntryScript('<html><head></head></html>')).toThrow(/found 0/);
    const two = TEMPLATE.replace(
      '</head>',
      `<script type="module" crossorigin src="/assets/other-1.js"></script></head>`,
    );
    expect(() => inlineEntryScript(two)).toThrow(/found 2/);
  });
});

describe('bootstrapScript', () => {
  it('imports the entry only once the first contentful paint is reported (it runs on its own)', () => {
    vi.useFakeTimers();
    let report: ((list: { getEntriesByName(name: string): unknown[] }) => void) | undefined;
    class Observer {
      static supportedEntryTypes = ['paint'];
      constructor(callback: typeof report) {
        report = callback;
      }
      observe() {}
      disconnect() {}
    }
    vi.stubGlobal('PerformanceObserver', Observer);
    const imported: string[] = [];
    // The script as the document carries it, with `import` swapped for a recorder: it must need
    // nothing from this module's scope (a serialised function has none).
    document.body.innerHTML = `<script type="module" data-entry="${ENTRY}"></script>`;
    const script = bootstrapScript().replace(/\bimport\(/, 'record(');
    new Function('record', script)((url: string) => imported.push(url));
    expect(imported).toEqual([]);
    report?.({ getEntriesByName: () => [] });
    expect(imported).toEqual([]);
    report?.({ getEntriesByName: (name) => (name === 'first-contentful-paint' ? [{}] : []) });
    expect(imported).toEqual([ENTRY]);
    vi.advanceTimersByTime(5000);
    expect(imported).toEqual([ENTRY]);
  });
});
