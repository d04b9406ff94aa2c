/**
 * Sending mail through any SMTP server (SES included) with nodemailer. A mail counts as sent only
 * when the server accepted it; every failure is `mail_unavailable`.
 * @module
 */
import nodemailer from 'nodemailer';
import type { Config } from '../config/config.js';
import { FulfilmentError } from '../fulfilment/errors.js';
import type { ComposedEmail } from './licenseEmail.js';

/** Sends one email; resolves with the server's message id once the server accepted it. */
export interface Mailer {
  send(to: string, email: ComposedEmail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * Create the mailer from `SMTP_URL` and `MAIL_FROM`.
 * @param config - validated configuration
 */
export function createMailer(config: Config): Mailer {
  const transport = nodemailer.createTransport(
    {
      url: config.smtpUrl,
      connectionTimeout: config.smtpTimeoutMs,
      greetingTimeout: config.smtpTimeoutMs,
      socketTimeout: config.smtpTimeoutMs,
    },
    { from: config.mailFrom },
  );
  return {
    async send(to, email) {
      try {
        const info = await transport.sendMail({
          to,
          subject: email.subject,
          text: email.text,
          html: email.html,
        });
        if (info.accepted.length === 0) throw new Error('the server accepted no recipient');
        return { messageId: info.messageId };
      } catch (error) {
        const kind = (error as { code?: string }).code ?? (error as Error).name;
        throw new FulfilmentError(
          'mail_unavailable',
          `the mail server did not accept the license email (${kind}); it will be sent when Stripe retries`,
          60,
        );
      }
    },
    close() {
      transport.close();
    },
  };
}
