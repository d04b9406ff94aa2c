/**
 * The long-lived parts of the API, built once per process (or Lambda cold start) from the
 * configuration: Stripe client, ledger, mailer, download locator, fulfilment, logger, limits.
 * @module
 */

import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3Client } from '@aws-sdk/client-s3';
import type Stripe from 'stripe';
import type { Config } from './config/config.js';
import { createDownloads, type Downloads } from './fulfilment/downloads.js';
import { createFulfilment, type Fulfilment, type FulfilmentDeps } from './fulfilment/fulfilment.js';
import { createLedger, type Ledger } from './ledger/ledger.js';
import { createLogger, type Log, scopedLog } from './log.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { RateLimiter } from './routes/rateLimit.js';
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
  readonly resendPerIp: RateLimiter;
  readonly resendPerAddress: RateLimiter;
  /** Checkout Sessions one client may create per window (protects the Stripe account's rate limit). */
  readonly checkoutPerIp: RateLimiter;
  /** Release sockets (SMTP pool, DynamoDB client). */
  close(): void;
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
  /** Resend limits: per IP and per address, per window. */
  readonly resendLimits?: { perIp: number; perAddress: number; windowMs: number };
  /** Checkout limit per IP, per window. */
  readonly checkoutLimit?: { perIp: number; windowMs: number };
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
  const fulfilment = createFulfilment({
    config,
    stripe,
    ledger,
    mailer,
    logger: log,
    now,
    verifiedCacheMs: config.verifiedCacheSeconds * 1000,
    ...options.fulfilment,
  });
  const limits = options.resendLimits ?? { perIp: 10, perAddress: 3, windowMs: 3_600_000 };
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
    resendPerIp: new RateLimiter(limits.perIp, limits.windowMs, now),
    resendPerAddress: new RateLimiter(limits.perAddress, limits.windowMs, now),
    checkoutPerIp: new RateLimiter(
      options.checkoutLimit?.perIp ?? config.checkoutRateLimit,
      options.checkoutLimit?.windowMs ?? 600_000,
      now,
    ),
    close() {
      mailer.close();
      ledger.client.destroy();
    },
  };
}
