/**
 * The account features as one object: ask for a sign-in link (the lookup and mail run as a
 * background task), sign in with it (a new session), read the purchases of the signed-in
 * address, release a machine, sign out. Nothing here knows HTTP.
 * @module
 */
import { maskEmail } from '../fulfilment/errors.js';
import type { Log } from '../log.js';
import { composeAccountLinkEmail } from '../mail/accountLinkEmail.js';
import type { Mailer } from '../mail/mailer.js';
import { AccountError } from './errors.js';
import { LINK_TTL_SECONDS, type Links } from './links.js';
import type { AccountPurchase, AccountPurchases } from './purchases.js';
import type { AccountSession, Sessions } from './sessions.js';

/** What the account features need. */
export interface AccountDeps {
  readonly links: Links;
  readonly sessions: Sessions;
  readonly purchases: AccountPurchases;
  readonly mailer: Mailer;
  readonly log: Log;
  readonly siteUrl: string;
  readonly supportEmail: string;
}

/** The account operations. */
export interface Account {
  /**
   * The background half of a link request: when `email` has a paid purchase, issue a link and
   * mail it there; otherwise nothing (and nothing the asker can observe).
   * @returns whether a mail was sent
   * @throws {AccountError} unavailable; {@link FulfilmentError} mail_unavailable
   */
  sendLink(email: string): Promise<boolean>;
  /**
   * Redeem a link and start a new session for its address.
   * @throws {AccountError} link_unknown, link_expired, link_used, unavailable
   */
  signIn(token: string): Promise<{ id: string; session: AccountSession }>;
  /** @see Sessions.authenticate */
  authenticate(id: string | undefined): Promise<AccountSession>;
  /** @see Sessions.end */
  signOut(id: string | undefined): Promise<void>;
  /** @see AccountPurchases.list */
  purchases(email: string): Promise<AccountPurchase[]>;
  /** @see AccountPurchases.release */
  release(email: string, licenseId: string, machine: string): Promise<AccountPurchase>;
}

/** Create the account operations. */
export function createAccount(deps: AccountDeps): Account {
  const { links, sessions, purchases } = deps;
  return {
    async sendLink(email) {
      if (!(await purchases.hasPaid(email))) {
        deps.log.info('account link not sent: no paid purchase', { to: maskEmail(email) });
        return false;
      }
      const { token } = await links.issue(email);
      await deps.mailer.send(
        email,
        composeAccountLinkEmail({
          token,
          siteUrl: deps.siteUrl,
          supportEmail: deps.supportEmail,
          validMinutes: LINK_TTL_SECONDS / 60,
        }),
      );
      deps.log.info('account link sent', { to: maskEmail(email) });
      return true;
    },
    async signIn(token) {
      const email = await links.redeem(token);
      return sessions.create(email);
    },
    authenticate: (id) => sessions.authenticate(id),
    signOut: (id) => sessions.end(id),
    purchases: (email) => purchases.list(email),
    release: (email, licenseId, machine) => purchases.release(email, licenseId, machine),
  };
}

/** The refusal when no link key is configured. */
export function accountNotConfigured(): AccountError {
  return new AccountError(
    'account_not_configured',
    'The account page is not available on this server (no sign-in link key is configured); your license email has your key and purchase page',
  );
}
