import { PRODUCT_NAME } from '@local-memory/catalog';
import type { Platform } from '@local-memory/download-keys';
import type { Locator, Page } from '@playwright/test';

export class SuccessPage {
  readonly heading: Locator;
  readonly licenseKey: Locator;
  readonly activationCommand: Locator;
  readonly copyKey: Locator;
  /** The key card's live region. */
  readonly status: Locator;
  /** The activation card's live region. */
  readonly activationStatus: Locator;
  readonly downloads: Locator;
  readonly otherPlatforms: Locator;
  readonly expiry: Locator;
  /** "About this release": version, checksums and requirements, read from the store's manifest. */
  readonly release: Locator;
  /** Server mode: the receipt card and the live region of the loading/processing state. */
  readonly receipt: Locator;
  readonly progress: Locator;
  /** Server mode's "Email me my license key" form on the "couldn't find" page. */
  readonly resendEmail: Locator;
  readonly resendButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.licenseKey = page.getByLabel('License key', { exact: true });
    this.activationCommand = page.getByRole('figure', { name: 'Activation command' });
    this.copyKey = page.getByRole('button', { name: 'Copy license key' });
    this.status = page
      .getByRole('region', { name: 'Your license key' })
      .locator('p[role="status"]');
    this.activationStatus = page
      .getByRole('region', { name: 'Activate it' })
      .locator('p[role="status"]');
    this.downloads = page.getByRole('region', { name: `Download ${PRODUCT_NAME}` });
    this.otherPlatforms = this.downloads.getByText('Other platforms');
    this.expiry = this.downloads.locator('.expiry');
    this.release = page.getByRole('region', { name: 'About this release' });
    this.receipt = page.getByRole('region', { name: 'Receipt' });
    this.progress = page.getByRole('status').filter({ hasText: /Stripe|payment/ });
    this.resendEmail = page.getByLabel('The email address you paid with');
    this.resendButton = page.getByRole('button', { name: 'Email my license key' });
  }

  /** Open /success with a raw query string value (not encoded here: the test decides). */
  async open(sessionId?: string): Promise<void> {
    await this.page.goto(sessionId === undefined ? '/success' : `/success?session_id=${sessionId}`);
  }

  /** Ask for the key email again, as a customer who lost the address would. */
  async resend(email: string): Promise<void> {
    await this.resendEmail.fill(email);
    await this.resendButton.click();
  }

  /** The download link for a platform (the recommended one or one under "Other platforms"). */
  link(platform: Platform): Locator {
    return this.downloads.locator(`a[data-platform="${platform}"]`);
  }

  /** The recommended download: the primary button. */
  get recommended(): Locator {
    return this.downloads.locator('.download--primary a');
  }

  /** href of every platform's link, by platform. */
  async hrefs(): Promise<Record<string, string | null>> {
    const links = await this.downloads.locator('a[data-platform]').all();
    const entries = await Promise.all(
      links.map(async (l) => [await l.getAttribute('data-platform'), await l.getAttribute('href')]),
    );
    return Object.fromEntries(entries);
  }
}
