import type { Locator, Page } from '@playwright/test';

/** /account: sign in by email link, then every purchase of the address. */
export class AccountPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly sendLink: Locator;
  readonly signedInAs: Locator;
  readonly signOutButton: Locator;
  /** One article per purchase, newest first. */
  readonly purchases: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.email = page.getByLabel('The email address you paid with');
    this.sendLink = page.getByRole('button', { name: 'Email me a sign-in link' });
    this.signedInAs = page.getByText(/^Signed in as /);
    this.signOutButton = page.getByRole('button', { name: 'Sign out' });
    this.purchases = page.getByRole('article');
  }

  async open(): Promise<void> {
    await this.page.goto('/account');
  }

  /** Ask for a sign-in link, as a buyer does. */
  async requestLink(email: string): Promise<void> {
    await this.email.fill(email);
    await this.sendLink.click();
  }

  /** The purchase whose license key is `licenseKey`. */
  purchase(licenseKey: string): Locator {
    return this.purchases.filter({
      has: this.page
        .getByLabel('License key', { exact: true })
        .getByText(licenseKey, { exact: true }),
    });
  }

  /** A purchase's download link for a platform. */
  download(purchase: Locator, platform: string): Locator {
    return purchase.locator(`a[data-platform="${platform}"]`);
  }

  /** A machine of a purchase's license, by the name it gave at activation. */
  machine(purchase: Locator, name: string): Locator {
    return purchase
      .getByRole('list', { name: 'Machines' })
      .getByRole('listitem')
      .filter({ hasText: name });
  }

  /** Release a machine, confirming when asked. */
  async release(purchase: Locator, name: string): Promise<void> {
    const machine = this.machine(purchase, name);
    await machine.getByRole('button', { name: 'Release this machine' }).click();
    await machine
      .getByRole('group', { name: `Release ${name}?` })
      .getByRole('button', { name: 'Yes, release it' })
      .click();
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
  }
}
