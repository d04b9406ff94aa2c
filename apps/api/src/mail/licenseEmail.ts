/**
 * The license email: a plain-text and an HTML part with the key, the activation command, the
 * Success page address (which always gives fresh download links), the account page (every
 * purchase of the address, and its machines), setup docs and support.
 * Never the download secret and never a presigned URL (they expire).
 * @module
 */
import { PRODUCT_NAME } from '@local-memory/catalog';
import { activationCommand } from '@local-memory/catalog/install';

/** What the email says. */
export interface LicenseEmailInput {
  readonly licenseKey: string;
  readonly sessionId: string;
  readonly siteUrl: string;
  readonly supportEmail: string;
}

/** A composed email. */
export interface ComposedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The Success page address of a purchase. */
export function successPageUrl(siteUrl: string, sessionId: string): string {
  return `${siteUrl}/success?session_id=${encodeURIComponent(sessionId)}`;
}

/** Escape text for an HTML email body or attribute. */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * The parts every email of the store shares: the support line closes the text, and the HTML
 * paragraphs go into one document.
 * @param textLines - the text part's lines before the support line
 * @param htmlBody - the HTML paragraphs before the support line (already escaped)
 * @param supportEmail - where customers write
 */
export function storeEmail(
  subject: string,
  textLines: readonly string[],
  htmlBody: string,
  supportEmail: string,
): ComposedEmail {
  const e = escapeHtml;
  const text = [...textLines, `Questions? Write to ${supportEmail}.`, ''].join('\n');
  const html = `<!doctype html>
<html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5">
${htmlBody}
<p>Questions? Write to <a href="mailto:${e(supportEmail)}">${e(supportEmail)}</a>.</p>
</body></html>
`;
  return { subject, text, html };
}

/**
 * Compose the license email.
 * @param input - key, session id, site and support address
 * @returns subject, text and HTML
 */
export function composeLicenseEmail(input: LicenseEmailInput): ComposedEmail {
  const command = activationCommand(input.licenseKey);
  const success = successPageUrl(input.siteUrl, input.sessionId);
  const setup = `${input.siteUrl}/docs/setup`;
  const account = `${input.siteUrl}/account`;
  const textLines = [
    `Thank you for buying ${PRODUCT_NAME}.`,
    '',
    `Your license key: ${input.licenseKey}`,
    '',
    'Activate it with:',
    `  ${command}`,
    '',
    'Your purchase page always has fresh download links for every platform:',
    `  ${success}`,
    '',
    'All your purchases and the machines using them, signed in with this email address:',
    `  ${account}`,
    '',
    `Setup guide: ${setup}`,
    '',
  ];
  const e = escapeHtml;
  const html = `<p>Thank you for buying ${PRODUCT_NAME}.</p>
<p>Your license key:<br><strong style="font-family:monospace;font-size:1.2em">${e(input.licenseKey)}</strong></p>
<p>Activate it with:</p>
<pre style="background:#f4f4f4;padding:8px">${e(command)}</pre>
<p>Your <a href="${e(success)}">purchase page</a> always has fresh download links for every platform.</p>
<p>All your purchases and the machines using them: <a href="${e(account)}">My purchases</a> (sign in with this email address).</p>
<p><a href="${e(setup)}">Setup guide</a></p>`;
  return storeEmail(`Your ${PRODUCT_NAME} license key`, textLines, html, input.supportEmail);
}
