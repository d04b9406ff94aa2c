import { PRODUCT_NAME } from '@local-memory/catalog';
import { expect, type Locator, type Page } from '@playwright/test';

export class PricingPage {
  readonly heading: Locator;
  readonly buy: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Pricing' });
    // Exact: a further edition's button reads "Buy <its name>".
    this.buy = page.getByRole('button', { name: `Buy ${PRODUCT_NAME}`, exact: true });
  }

  /** Open /pricing and wait until its script has taken over the Buy button (enabled). */
  async open(): Promise<void> {
    await this.page.goto('/pricing');
    await expect(this.buy).toBeEnabled();
  }
}
