import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linkWebAppManifest, WEB_APP_MANIFEST_PATH } from './webAppManifest';

const appDir = join(import.meta.dirname, '..', '..');

afterEach(() => {
  for (const link of document.head.querySelectorAll('link[rel="manifest"]')) link.remove();
});

describe('linkWebAppManifest', () => {
  it('links the manifest the site serves from the head', () => {
    const link = linkWebAppManifest(document);
    expect(link.parentElement).toBe(document.head);
    expect(link.getAttribute('href')).toBe(WEB_APP_MANIFEST_PATH);
    const served = JSON.parse(
      readFileSync(join(appDir, 'public', WEB_APP_MANIFEST_PATH.slice(1)), 'utf8'),
    );
    expect(served.name).toBe('Local Memory');
  });

  it('links it once however often it is called', () => {
    const first = linkWebAppManifest(document);
    expect(linkWebAppManifest(document)).toBe(first);
    expect(document.head.querySelectorAll('link[rel="manifest"]')).toHaveLength(1);
  });

  it('is not linked from the prerendered HTML, so it never competes with the first paint', () => {
    const template = readFileSync(join(appDir, 'index.html'), 'utf8');
    expect(template).not.toMatch(/rel="manifest"/);
  });
});
