/**
 * The long-lived parts of the API, built once per process (or Lambda cold start) from the
 * configuration: Stripe client, ledger, mailer, download locator, fulfilment, logger, limits.
 * @module
 */

import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3Client } from '@aws-sdk/client-s3';
import type Stripe from 'stripe';
import { type Account, createAccount } from './account/account.js';
import { Links } from './account/links.js';
import { AccountPurchases } from './account/purchases.js';
import { ReleaseLogs } from './account/releases.js';
import { Sessions } from './account/sessions.js';
import type { Config } from './config/config.js';
import { fixedOriginCheck, type OriginCheck } from './config/originSecret.js';
import { createDownloads, type Downloads } from './fulfilment/downloads.js';
import { createFulfilment, type Fulfilment, type FulfilmentDeps } from './fulfilment/fulfilment.js';
import { createLedger, type Ledger } from './ledger/ledger.js';
import { type LimitRule, Limits } from './ledger/limits.js';
import { Activations } from './licensing/activations.js';
import { DEFAULT_LICENSE_LIMIT_RULES, type LicenseLimitRules } from './licensing/config.js';
import { createLicensing, type Licensing } from './licensing/licensing.js';
import { LicenseRecords } from './licensing/records.js';
import { createLogger, type Log, scopedLog } from './log.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { createStripe } from './stripe/client.js';

/** Everything the routes use. */
export interface Services {
  readonly config: Config;
  readonly stripe: Stripe;
  readonly ledger: Ledger;
  readonly mailer: Mailer;
  readonly fulfilment: Fulfilment;
  readonly downloads: Downloads;
  /** The base logger; `log` writes through the current request's child of it. */
  readonly logger: Logger;
  readonly log: Log;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Counters shared by every instance, in the ledger table. */
  readonly limits: Limits;
  readonly limitRules: LimitRules;
  /**
   * The mail budget of one resend: each mail takes one of the address's daily mails, and the
   * first also the (address, client) pair's, so a stranger cannot spend what the buyer needs.
   */
  resendMailQuota(email: string, client: string): MailQuota;
  /** The CloudFront origin check, or undefined when it is off (Node without `ORIGIN_VERIFY_SECRET`). */
  readonly originCheck: OriginCheck | undefined;
  /** License records, activations, leases and revocations. */
  readonly licensing: Licensing;
  readonly licenseLimitRules: LicenseLimitRules;
  /** The account page's operations, or undefined when no link key is configured. */
  readonly account: Account | undefined;
  /** Release sockets (SMTP pool, DynamoDB client). */
  close(): void;
}

/** Every rate limit the API applies. */
export interface LimitRules {
  /** Resend requests per client address (counted when asked). */
  readonly resendPerClient: LimitRule;
  /** Checkout Sessions per client address (protects the Stripe account's rate limit). */
  readonly checkoutPerClient: LimitRule;
  /** Purchase and download lookups that reach Stripe, per client address. */
  readonly lookupPerClient: LimitRule;
  /** Resend mails per address and day, whoever asks: a buyer never gets more than this. */
  readonly mailsPerAddress: LimitRule;
  /** Resend mails per (address, client) and day: what one client can make an address receive. */
  readonly mailsPerAddressAndClient: LimitRule;
  /** Account sign-in link requests per client address. */
  readonly accountLinkPerClient: LimitRule;
  /** Account sign-in link requests per address, whoever asks (each may send one mail). */
  readonly accountLinkPerAddress: LimitRule;
  /** Sign-ins (link redemptions) per client address. */
  readonly accountSessionPerClient: LimitRule;
  /** Machine releases per client address. */
  readonly accountReleasePerClient: LimitRule;
}

/** See {@link Services.resendMailQuota}. */
export interface MailQuota {
  /** Take one mail's budget; false (and nothing spent) when a limit is reached. */
  take(): Promise<boolean>;
  /** Return the budget of the last mail taken (it was not sent). */
  giveBack(): Promise<void>;
}

const DAY_MS = 24 * 3600 * 1000;

/** The default rules for a configuration. */
export function defaultLimitRules(config: Config): LimitRules {
  return {
    resendPerClient: { name: 'resend', limit: config.resendRateLimit, windowMs: 3_600_000 },
    checkoutPerClient: { name: 'checkout', limit: config.checkoutRateLimit, windowMs: 600_000 },
    lookupPerClient: { name: 'lookup', limit: config.lookupRateLimit, windowMs: 600_000 },
    mailsPerAddress: { name: 'mail', limit: 3, windowMs: DAY_MS },
    mailsPerAddressAndClient: { name: 'mail-client', limit: 1, windowMs: DAY_MS },
    accountLinkPerClient: {
      name: 'account-link',
      limit: config.accountRateLimit,
      windowMs: 600_000,
    },
    accountLinkPerAddress: {
      name: 'account-link-address',
      limit: config.accountLinkAddressLimit,
      windowMs: 3_600_000,
    },
    accountSessionPerClient: {
      name: 'account-session',
      limit: config.accountRateLimit,
      windowMs: 600_000,
    },
    accountReleasePerClient: {
      name: 'account-release',
      limit: config.accountRateLimit,
      windowMs: 600_000,
    },
  };
}

/** Replaceable parts, for tests. */
export { createLogger };

export interface ServiceOptions {
  readonly now?: () => number;
  readonly logger?: Logger;
  readonly s3?: S3Client;
  readonly fulfilment?: Partial<
    Pick<FulfilmentDeps, 'verifiedCacheMs' | 'lockMs' | 'waitForConcurrentMs'>
  >;
  /** Replaced rate-limit rules. */
  readonly limitRules?: Partial<LimitRules>;
  /** The origin check (the Lambda entry's reads Secrets Manager); default from the configuration. */
  readonly originCheck?: OriginCheck;
  /** Replaced licensing rate-limit rules. */
  readonly licenseLimitRules?: Partial<LicenseLimitRules>;
}

/**
 * Build the services for a configuration.
 * @param config - validated configuration
 * @param options - replacements for tests
 */
export function createServices(config: Config, options: ServiceOptions = {}): Services {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger();
  const stripe = createStripe(config);
  const ledger = createLedger(config);
  const mailer = createMailer(config);
  const log = scopedLog(logger);
  const licenseRecords = new LicenseRecords(ledger.client, ledger.table, now);
  const activations = new Activations(licenseRecords, now);
  const licensing = createLicensing({
    config: config.licensing,
    downloadSecret: config.downloadSecret,
    issuer: config.siteUrl,
    records: licenseRecords,
    activations,
    now,
  });
  const account =
    config.accountLinkSecret === undefined
      ? undefined
      : createAccount({
          links: new Links({
            client: ledger.client,
            table: ledger.table,
            key: config.accountLinkSecret,
            now,
          }),
          sessions: new Sessions({ client: ledger.client, table: ledger.table, now }),
          purchases: new AccountPurchases({
            stripe,
            editionPrices: config.editionPrices,
            downloadSecret: config.downloadSecret,
            ledger,
            records: licenseRecords,
            activations,
            releaseLogs: new ReleaseLogs(ledger.client, ledger.table, now),
            now,
          }),
          mailer,
          log,
          siteUrl: config.siteUrl,
          supportEmail: config.supportEmail,
        });
  const fulfilment = createFulfilment({
    config,
    stripe,
    ledger,
    mailer,
    logger: log,
    now,
    verifiedCacheMs: config.verifiedCacheSeconds * 1000,
    onPaid: (purchase) =>
      licensing.issueForSession(purchase.sessionId, purchase.edition).then(() => undefined),
    onRevoked: (sessionId, reason) =>
      licensing.revokeForSession(sessionId, reason).then(() => undefined),
    ...options.fulfilment,
  });
  const limits = new Limits(ledger.client, ledger.table, now);
  const limitRules: LimitRules = { ...defaultLimitRules(config), ...options.limitRules };
  return {
    config,
    stripe,
    ledger,
    mailer,
    fulfilment,
    downloads: createDownloads(config, options.s3),
    logger,
    log,
    now,
    limits,
    limitRules,
    resendMailQuota(email, client) {
      const pair = `${email}\n${client}`;
      let pairTaken = false;
      let lastTookPair = false;
      return {
        async take() {
          lastTookPair = false;
          if (!pairTaken) {
            if (!(await limits.take(limitRules.mailsPerAddressAndClient, pair)).ok) return false;
            pairTaken = lastTookPair = true;
          }
          if ((await limits.take(limitRules.mailsPerAddress, email)).ok) return true;
          if (lastTookPair) {
            await limits.giveBack(limitRules.mailsPerAddressAndClient, pair);
            pairTaken = lastTookPair = false;
          }
          return false;
        },
        async giveBack() {
          await limits.giveBack(limitRules.mailsPerAddress, email);
          if (lastTookPair) {
            await limits.giveBack(limitRules.mailsPerAddressAndClient, pair);
            pairTaken = lastTookPair = false;
          }
        },
      };
    },
    licensing,
    licenseLimitRules: { ...DEFAULT_LICENSE_LIMIT_RULES, ...options.licenseLimitRules },
    account,
    originCheck:
      options.originCheck ??
      (config.originVerifySecret === undefined
        ? undefined
        : fixedOriginCheck(config.originVerifySecret)),
    close() {
      mailer.close();
      ledger.client.destroy();
    },
  };
}
