/**
 * Whether the page's script has run: React owns the document (its fibers are on `<main>`). The
 * prerendered pages import their script only after the first paint (apps/landing's inline
 * bootstrap), so neither `load` nor `networkidle` says that: on a loaded machine the first paint
 * can come more than 500 ms after the document, and `networkidle` fires before any script was
 * asked for (seen: 11-headers found no /assets/ response at all).
 */
import type { Page } from '@playwright/test';

export function reactOwnsMain(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    return main !== null && Object.keys(main).some((key) => key.startsWith('__react'));
  });
}
