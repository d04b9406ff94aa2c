import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The rule sets every journey holds the pages to: WCAG 2.2 AA and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Run axe on the page as it is now.
 * @returns each violation as `id (impact): selectors`, and how many rules passed (so a check
 *   that ran on an empty page cannot pass unnoticed)
 */
export async function axeAudit(page: Page): Promise<{ violations: string[]; passes: number }> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return {
    violations: results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
    passes: results.passes.length,
  };
}
