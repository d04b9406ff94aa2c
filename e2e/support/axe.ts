import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The rule sets every journey holds the pages to: WCAG 2.2 AA and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Run axe on the page as it is now.
 *
 * In axe's legacy mode: axe runs in the page (and in its same-origin frames) and reports from
 * there. The default mode runs axe in every frame, then opens a blank page of its own to merge the
 * results, a new renderer each time: half of an audit's CPU time (1.0 CPU-second an audit against
 * 0.4–0.5 for /pricing, same 36 rules passed, Chromium 156, quiet 2-core machine). What the
 * default mode adds is reaching into cross-origin frames; the site has none, and the audit refuses
 * a page that has one rather than skip it.
 * @returns each violation as `id (impact): selectors`, and how many rules passed (so a check
 *   that ran on an empty page cannot pass unnoticed)
 * @throws {Error} naming the frame when the page holds a cross-origin frame
 */
export async function axeAudit(page: Page): Promise<{ violations: string[]; passes: number }> {
  const origin = new URL(page.url()).origin;
  const foreign = page
    .frames()
    .find((f) => f.url() !== 'about:blank' && new URL(f.url()).origin !== origin);
  if (foreign)
    throw new Error(
      `axeAudit: ${page.url()} holds a frame from another origin (${foreign.url()}), which axe's legacy mode does not audit; audit that frame's page on its own, or run AxeBuilder without setLegacyMode here`,
    );
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
  return {
    violations: results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
    passes: results.passes.length,
  };
}
