import type { Locator, Page } from '@playwright/test';

/** The API's Stripe stand-in: its hosted Checkout page (`/c/pay/:id`). */
export class StripeStandInPage {
  readonly payNow: Locator;
  readonly payLater: Locator;
  readonly email: Locator;

  constructor(readonly page: Page) {
    this.payNow = page.getByRole('button', { name: 'Pay', exact: true });
    this.payLater = page.getByRole('button', { name: 'Pay later (bank transfer)' });
    this.email = page.getByLabel('Email');
  }

  /** The Checkout Session id in the pay page's address. */
  sessionId(): string {
    const id = new URL(this.page.url()).pathname.split('/').pop() ?? '';
    if (!id.startsWith('cs_')) throw new Error(`not on a stand-in pay page: ${this.page.url()}`);
    return id;
  }

  /** Pay by card (as `email`, when given); Stripe then returns the customer to /success. */
  async pay(email?: string): Promise<void> {
    if (email !== undefined) await this.email.fill(email);
    await this.payNow.click();
  }

  /** A delayed payment method: back to /success at once, settled a few seconds later. */
  async payByBankTransfer(): Promise<void> {
    await this.payLater.click();
  }
}
