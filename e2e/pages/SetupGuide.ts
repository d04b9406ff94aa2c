import type { Locator, Page } from '@playwright/test';

/** "Set up and connect your tools", on the Success page and on /docs/setup. */
export class SetupGuide {
  readonly section: Locator;
  /** The live region that speaks (the one beside the last copy button used). */
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Set up and connect your tools' });
    this.status = this.section.getByRole('status').filter({ hasText: /\S/ });
  }

  /** The radio of an operating system in the platform switch. */
  platform(name: 'macOS' | 'Windows' | 'Linux'): Locator {
    return this.section.getByRole('radio', { name });
  }

  /** Open an AI client's disclosure and copy its snippet; returns the snippet as shown. */
  async copyClient(name: string): Promise<string> {
    await this.section.getByText(name, { exact: true }).click();
    const shown =
      (await this.section
        .getByRole('figure', { name: new RegExp(`^${name} configuration for `) })
        .textContent()) ?? '';
    await this.section.getByRole('button', { name: `Copy ${name} configuration` }).click();
    return shown;
  }

  /** Open every disclosure, so checks see all of the guide. */
  async expandAll(): Promise<void> {
    const closed = this.section.locator('details:not([open]) > summary');
    // The locator is live: each click removes the first match.
    for (let left = await closed.count(); left > 0; left--) await closed.first().click();
  }
}
