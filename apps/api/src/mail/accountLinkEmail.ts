/**
 * The sign-in email of the account page: a plain-text and an HTML part with the one-time link
 * (`/account#link=…`: a fragment, so it never reaches a server log or a Referer), how long it
 * works, and what to do when it was not asked for. Sent only to an address that bought.
 * @module
 */
import { PRODUCT_NAME } from '@local-memory/catalog';
import { type ComposedEmail, escapeHtml, storeEmail } from './licenseEmail.js';

/** What the email says. */
export interface AccountLinkEmailInput {
  /** The signed token, as `Links.issue` made it. */
  readonly token: string;
  readonly siteUrl: string;
  readonly supportEmail: string;
  /** Minutes the link works. */
  readonly validMinutes: number;
}

/** The account page address that signs in with `token`. */
export function accountLinkUrl(siteUrl: string, token: string): string {
  return `${siteUrl}/account#link=${encodeURIComponent(token)}`;
}

/**
 * Compose the sign-in email.
 * @param input - token, site, support address and validity
 * @returns subject, text and HTML
 */
export function composeAccountLinkEmail(input: AccountLinkEmailInput): ComposedEmail {
  const link = accountLinkUrl(input.siteUrl, input.token);
  const e = escapeHtml;
  return storeEmail(
    `Your ${PRODUCT_NAME} sign-in link`,
    [
      `Sign in to see your ${PRODUCT_NAME} purchases, license keys, downloads and machines:`,
      '',
      `  ${link}`,
      '',
      `The link works once, for ${input.validMinutes} minutes.`,
      '',
      'If you did not ask for it, ignore this email: nobody can sign in without the link.',
      '',
    ],
    `<p>Sign in to see your ${PRODUCT_NAME} purchases, license keys, downloads and machines:</p>
<p><a href="${e(link)}" style="font-weight:bold">Sign in to My purchases</a></p>
<p>The link works once, for ${input.validMinutes} minutes.</p>
<p>If you did not ask for it, ignore this email: nobody can sign in without the link.</p>`,
    input.supportEmail,
  );
}
