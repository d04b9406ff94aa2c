// @vitest-environment node
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ROUTES, type RouteEntry } from '../src/app/routes';
import { documentFor, headFor, moveFile, scriptsNamingStylesheets, sitemapFor } from './prerender';

const route = (path: string) => ROUTES.find((r) => r.path === path) as RouteEntry;
const TEMPLATE = `<!doctype html><html lang="en"><head><title>Old</title>
<meta
  name="description"
  content="old"
/>
<!--head-->
<link rel="stylesheet" crossorigin href="/assets/index-abc.css">
</head><body><div id="root"></div></body></html>`;

describe('prerendered documents', () => {
  it('have the route’s title, description, canonical URL, cards and inline CSS, and no stylesheet link', () => {
    const html = documentFor(
      TEMPLATE,
      route('/pricing'),
      '<main>Pricing</main>',
      'body{margin:0}',
      'https://localmemory.co',
    );
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html).toContain('<title>Pricing · Local Memory</title>');
    expect(html.match(/name="description"/g)).toHaveLength(1);
    expect(html).toContain('<link rel="canonical" href="https://localmemory.co/pricing" />');
    expect(html).toContain(
      '<meta property="og:image" content="https://localmemory.co/social-card.png" />',
    );
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image" />');
    expect(html).not.toContain('noindex');
    expect(html).not.toContain('rel="stylesheet"');
    expect(html).toContain('<style>body{margin:0}</style>');
    expect(html).toContain('<div id="root" data-route="/pricing"><main>Pricing</main></div>');
  });

  it('keep /success and the not-found page out of search results, without a canonical URL', () => {
    for (const path of ['/success', '*']) {
      const head = headFor(route(path), 'https://localmemory.co');
      expect(head).toContain('<meta name="robots" content="noindex" />');
      expect(head).not.toContain('rel="canonical"');
    }
  });

  it('list only the indexable pages in the sitemap', () => {
    const xml = sitemapFor(ROUTES, 'https://localmemory.co');
    for (const path of ['/', '/pricing', '/terms', '/privacy', '/refunds'])
      expect(xml).toContain(`<loc>https://localmemory.co${path}</loc>`);
    expect(xml).not.toContain('success');
    expect(xml).not.toContain('*');
  });
});

describe('the inline stylesheet', () => {
  it('is named by no script, or the scripts that would fetch it again are listed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-prerender-'));
    try {
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'assets', 'index-a.css'), 'body{margin:0}');
      writeFileSync(join(dir, 'assets', 'start-b.js'), 'import("./page-c.js")');
      writeFileSync(join(dir, 'index.html'), '<link href="/assets/index-a.css">');
      expect(scriptsNamingStylesheets(dir, ['assets/index-a.css'])).toEqual([]);
      writeFileSync(
        join(dir, 'assets', 'App-d.js'),
        'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/page-c.js","assets/index-a.css"])))',
      );
      expect(scriptsNamingStylesheets(dir, ['assets/index-a.css'])).toEqual(['assets/App-d.js']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('moveFile', () => {
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-move-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const exdev = () => {
    throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
  };

  it('renames within a filesystem', () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.map'), 'map');
    moveFile(join(dir, 'a.map'), join(dir, 'b.map'));
    expect(readFileSync(join(dir, 'b.map'), 'utf8')).toBe('map');
    expect(existsSync(join(dir, 'a.map'))).toBe(false);
  });

  it('copies and removes when rename(2) answers EXDEV, and passes any other error on', () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.map'), 'map');
    moveFile(join(dir, 'a.map'), join(dir, 'b.map'), exdev);
    expect(readFileSync(join(dir, 'b.map'), 'utf8')).toBe('map');
    expect(existsSync(join(dir, 'a.map'))).toBe(false);
    expect(() => moveFile(join(dir, 'missing'), join(dir, 'c'))).toThrow(/ENOENT/);
  });

  // Where this machine has a tmpfs on another device (Linux's /dev/shm), the real case.
  const shm = existsSync('/dev/shm') ? '/dev/shm' : undefined;
  it.runIf(shm && statSync(shm).dev !== statSync(import.meta.dirname).dev)(
    'moves a file from another filesystem into the repository',
    () => {
      const from = mkdtempSync(join(shm as string, 'lm-move-'));
      onTestFinished(() => rmSync(from, { recursive: true, force: true }));
      const to = folder();
      writeFileSync(join(from, 'a.map'), 'map');
      moveFile(join(from, 'a.map'), join(to, 'a.map'));
      expect(readFileSync(join(to, 'a.map'), 'utf8')).toBe('map');
      expect(existsSync(join(from, 'a.map'))).toBe(false);
    },
  );
});
