// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineFaviconLink, svgDataUrl } from './inlineFavicon';

const appDir = join(import.meta.dirname, '..');
const svg = readFileSync(join(appDir, 'public', 'favicon.svg'), 'utf8');

describe('inlineFavicon', () => {
  it('puts the served favicon.svg into the document, byte for byte', () => {
    const html = inlineFaviconLink(readFileSync(join(appDir, 'index.html'), 'utf8'), svg);
    const href = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml" \/>/.exec(html)?.[1];
    expect(href).toMatch(/^data:image\/svg\+xml,/);
    expect(decodeURIComponent(href?.slice('data:image/svg+xml,'.length) ?? '')).toBe(svg.trim());
    expect(html).not.toContain('href="/favicon.svg"');
  });

  it('leaves nothing in the URL that could end the attribute', () => {
    expect(svgDataUrl('<svg a="1"/>')).not.toMatch(/["<>]/);
  });

  it('fails when the document has no favicon.svg link to inline', () => {
    expect(() => inlineFaviconLink('<head></head>', svg)).toThrow(/no <link rel="icon"/);
  });
});
