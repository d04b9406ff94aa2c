import type { Locator, Page } from '@playwright/test';

export class HomePage {
  readonly heading: Locator;
  readonly getLocalMemory: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.getLocalMemory = page.getByRole('link', { name: 'Get Local Memory' }).first();
  }

  async open(): Promise<void> {
    await this.page.goto('/');
  }
}
