/**
 * The API's configuration, read once at start from the environment (secrets also from `*_FILE`
 * files) and validated as a whole: one error names every wrong variable and never echoes a secret.
 * @module
 */
import { PRODUCT_NAME, SUPPORT } from '@local-memory/catalog';
import { ApiError } from '../errors.js';
import {
  type LicensingConfig,
  type LicensingReaders,
  readLicensingConfig,
} from '../licensing/config.js';
import { absoluteHttpUrl, EMAIL, onOff, requiredValue } from './checks.js';
import { readDownloadSettings } from './downloadsConfig.js';
import { type EditionPrices, readEditionPrices } from './editionPrices.js';
import { readSecret, requiredSecret } from './secrets.js';
import { readStripeSettings } from './stripeConfig.js';
import { wholeNumberInRange } from './wholeNumber.js';

/** Variables read from the environment. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where the Stripe SDK sends requests; only set for the local stand-in. */
export interface StripeEndpoint {
  readonly protocol: 'http' | 'https';
  readonly host: string;
  readonly port: number;
}

/** Where the release ZIPs are: an S3 bucket (presigned links) or a local folder (streamed). */
export type DownloadSource =
  | {
      readonly kind: 's3';
      readonly bucket: string;
      readonly prefix: string;
      readonly endpoint: string | undefined;
    }
  | { readonly kind: 'dir'; readonly dir: string; readonly prefix: string };

/** The validated configuration. */
export interface Config {
  readonly stripeSecretKey: string;
  readonly stripeWebhookSecret: string;
  /** Each edition's Stripe price id, from its catalogue variable (`STRIPE_PRICE_ID`, …). */
  readonly editionPrices: EditionPrices;
  readonly stripeEndpoint: StripeEndpoint | undefined;
  /** Milliseconds before a Stripe call counts as down (`STRIPE_TIMEOUT_MS`, default 8000). */
  readonly stripeTimeoutMs: number;
  /** Ask for consent to the terms of service at checkout (`CHECKOUT_TERMS_CONSENT=required`). */
  readonly requireTermsConsent: boolean;
  readonly downloadSecret: string;
  /** Site origin without a trailing slash, e.g. `https://localmemory.co`. */
  readonly siteUrl: string;
  readonly smtpUrl: string;
  /** How long a verified purchase is served without asking Stripe again (`VERIFIED_CACHE_SECONDS`, default 120, 0 = never cache). */
  readonly verifiedCacheSeconds: number;
  /** Checkout Sessions one client address may start per 10 minutes (`CHECKOUT_RATE_LIMIT`, default 30). */
  readonly checkoutRateLimit: number;
  /** Resend requests one client address may make per hour (`RESEND_RATE_LIMIT`, default 10). */
  readonly resendRateLimit: number;
  /** Purchase and download lookups that ask Stripe, per client address per 10 minutes (`LOOKUP_RATE_LIMIT`, default 120). */
  readonly lookupRateLimit: number;
  /**
   * The `x-origin-verify` value CloudFront adds (`ORIGIN_VERIFY_SECRET` / `_FILE`); when set, the
   * Node entry refuses requests without it. The Lambda entry reads `ORIGIN_VERIFY_SECRET_ARN` instead.
   */
  readonly originVerifySecret: string | undefined;
  /** Milliseconds before an SMTP exchange counts as down (`SMTP_TIMEOUT_MS`, default 10000). */
  readonly smtpTimeoutMs: number;
  readonly mailFrom: string;
  readonly supportEmail: string;
  readonly ledgerTable: string;
  /** Milliseconds one DynamoDB request may wait for its answer (`LEDGER_TIMEOUT_MS`, default 2000). */
  readonly ledgerTimeoutMs: number;
  /** Milliseconds to open a connection to DynamoDB (`LEDGER_CONNECT_TIMEOUT_MS`, default 1000). */
  readonly ledgerConnectTimeoutMs: number;
  readonly dynamodbEndpoint: string | undefined;
  readonly region: string;
  readonly downloads: DownloadSource;
  /** Powertools log level (`LOG_LEVEL`, default INFO). */
  readonly logLevel: LogLevel;
  /** Lease signing key, activation limit (licensing/config.ts). */
  readonly licensing: LicensingConfig;
  /**
   * The key that signs account sign-in links (`ACCOUNT_LINK_SECRET` / `_FILE`, at least 32
   * characters); undefined leaves `/api/account*` answering 503 `account_not_configured`.
   */
  readonly accountLinkSecret: string | undefined;
  /** Account sign-in, session and release requests per client address per 10 minutes, each (`ACCOUNT_RATE_LIMIT`, default 20). */
  readonly accountRateLimit: number;
  /** Sign-in link requests per address per hour, whoever asks (`ACCOUNT_LINK_ADDRESS_LIMIT`, default 5). */
  readonly accountLinkAddressLimit: number;
  /** Stripe Tax and invoices at checkout (all off by default). */
  readonly checkoutTax: CheckoutTax;
}

/** What `POST /api/checkout` asks Stripe for besides the price. */
export interface CheckoutTax {
  /** `CHECKOUT_AUTOMATIC_TAX=on`: `automatic_tax` and a required billing address. */
  readonly automaticTax: boolean;
  /** `CHECKOUT_TAX_ID_COLLECTION=on`: business buyers may enter a VAT/GST id. */
  readonly taxIdCollection: boolean;
  /** `CHECKOUT_INVOICE=on`: Stripe creates an invoice (PDF) for every payment. */
  readonly invoiceCreation: boolean;
}

/** The log levels `LOG_LEVEL` takes (Powertools' names). */
export const LOG_LEVELS = [
  'TRACE',
  'DEBUG',
  'INFO',
  'WARN',
  'ERROR',
  'CRITICAL',
  'SILENT',
] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown when the configuration is unusable; `problems` has one line per wrong variable. */
export class ConfigError extends ApiError<'INVALID_CONFIG'> {
  override readonly name: string = 'ConfigError';
  constructor(
    readonly problems: readonly string[],
    options?: ErrorOptions,
  ) {
    super(
      'INVALID_CONFIG',
      `The API cannot start: ${problems.length} configuration problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      options,
    );
  }
}

/**
 * Read and check the whole configuration.
 * @param env - usually `process.env`, after {@link mergeAppSecrets} on Lambda
 * @param readers - how the licensing secrets are read (tests); Secrets Manager by default
 * @returns the configuration
 * @throws {ConfigError} naming every missing or wrong variable
 */
export async function loadConfig(env: Env, readers: LicensingReaders = {}): Promise<Config> {
  const problems: string[] = [];
  const required = (name: string, what: string) => requiredValue(env, problems, name, what);

  const { stripeSecretKey, stripeWebhookSecret, stripeEndpoint } = await readStripeSettings(
    env,
    problems,
  );
  const editionPrices = readEditionPrices(env, problems);

  let siteUrl: string | undefined;
  const siteText = required('SITE_URL', 'the storefront origin, e.g. https://localmemory.co');
  if (siteText !== undefined) {
    const url = absoluteHttpUrl(siteText);
    if (!url || url.search || url.hash) {
      problems.push(
        `SITE_URL must be an absolute http(s) URL without query, e.g. https://localmemory.co, got "${siteText.slice(0, 80)}"`,
      );
    } else {
      siteUrl = url.href.replace(/\/+$/, '');
    }
  }

  const smtpUrl = await requiredSecret(
    env,
    'SMTP_URL',
    'the mail server, e.g. smtps://user:password@email-smtp.eu-west-1.amazonaws.com:465, or SMTP_URL_FILE',
    problems,
  );
  if (smtpUrl !== undefined && !/^smtps?:\/\//.test(smtpUrl)) {
    problems.push('SMTP_URL must start with smtp:// or smtps://');
  }

  const mailFrom = required(
    'MAIL_FROM',
    `the sender of license emails, e.g. "${PRODUCT_NAME} <orders@localmemory.co>"`,
  );
  if (mailFrom !== undefined && !/[^\s@<>]+@[^\s@<>]+/.test(mailFrom)) {
    problems.push('MAIL_FROM must contain an email address');
  }
  const supportEmail = required(SUPPORT.apiVariable, 'the address customers write to for help');
  if (supportEmail !== undefined && !EMAIL.test(supportEmail)) {
    problems.push(
      `${SUPPORT.apiVariable} must be an email address such as ${SUPPORT.defaultEmail}`,
    );
  }

  const ledgerTable = required(
    'LEDGER_TABLE',
    'the DynamoDB table of the fulfilment ledger (partition key "id", a string)',
  );
  let dynamodbEndpoint: string | undefined;
  if (env.DYNAMODB_ENDPOINT) {
    if (!absoluteHttpUrl(env.DYNAMODB_ENDPOINT))
      problems.push('DYNAMODB_ENDPOINT must be an http(s) URL (local dynalite only)');
    else dynamodbEndpoint = env.DYNAMODB_ENDPOINT;
  }

  const { downloadSecret, downloads } = await readDownloadSettings(env, problems);
  const stripeTimeoutMs = wholeNumberInRange(env, 'STRIPE_TIMEOUT_MS', 8000, problems, 1);
  const smtpTimeoutMs = wholeNumberInRange(env, 'SMTP_TIMEOUT_MS', 10_000, problems, 1);
  const checkoutRateLimit = wholeNumberInRange(env, 'CHECKOUT_RATE_LIMIT', 30, problems, 1);
  const resendRateLimit = wholeNumberInRange(env, 'RESEND_RATE_LIMIT', 10, problems, 1);
  const lookupRateLimit = wholeNumberInRange(env, 'LOOKUP_RATE_LIMIT', 120, problems, 1);
  const originVerifySecret = await readSecret(env, 'ORIGIN_VERIFY_SECRET', problems);
  if (originVerifySecret !== undefined && !/^[\x21-\x7e]{32,}$/.test(originVerifySecret)) {
    problems.push(
      'ORIGIN_VERIFY_SECRET must be at least 32 printable characters without spaces (the value CloudFront sends as x-origin-verify)',
    );
  }
  const ledgerTimeoutMs = wholeNumberInRange(env, 'LEDGER_TIMEOUT_MS', 2000, problems, 1);
  const ledgerConnectTimeoutMs = wholeNumberInRange(
    env,
    'LEDGER_CONNECT_TIMEOUT_MS',
    1000,
    problems,
    1,
  );
  const verifiedCacheSeconds = wholeNumberInRange(
    env,
    'VERIFIED_CACHE_SECONDS',
    120,
    problems,
    0,
    900,
  );
  const levelText = (env.LOG_LEVEL ?? '').trim().toUpperCase() || 'INFO';
  const logLevel = LOG_LEVELS.find((level) => level === levelText);
  if (logLevel === undefined) {
    problems.push(
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (default INFO), got "${(env.LOG_LEVEL ?? '').slice(0, 40)}"`,
    );
  }
  const consent = env.CHECKOUT_TERMS_CONSENT ?? '';
  if (consent !== '' && consent !== 'required' && consent !== 'none') {
    problems.push('CHECKOUT_TERMS_CONSENT must be "required" or "none" (default none)');
  }

  const licensing = await readLicensingConfig(env, problems, readers);

  const accountLinkSecret = await readSecret(env, 'ACCOUNT_LINK_SECRET', problems);
  if (accountLinkSecret !== undefined && accountLinkSecret.length < 32) {
    problems.push(
      'ACCOUNT_LINK_SECRET must be at least 32 characters (e.g. `openssl rand -base64 48`); unset it to turn the account page off',
    );
  }
  const accountRateLimit = wholeNumberInRange(env, 'ACCOUNT_RATE_LIMIT', 20, problems, 1);
  const accountLinkAddressLimit = wholeNumberInRange(
    env,
    'ACCOUNT_LINK_ADDRESS_LIMIT',
    5,
    problems,
    1,
  );
  const checkoutTax: CheckoutTax = {
    automaticTax: onOff(env, 'CHECKOUT_AUTOMATIC_TAX', problems),
    taxIdCollection: onOff(env, 'CHECKOUT_TAX_ID_COLLECTION', problems),
    invoiceCreation: onOff(env, 'CHECKOUT_INVOICE', problems),
  };

  if (
    problems.length > 0 ||
    stripeSecretKey === undefined ||
    stripeWebhookSecret === undefined ||
    editionPrices === undefined ||
    downloadSecret === undefined ||
    siteUrl === undefined ||
    smtpUrl === undefined ||
    mailFrom === undefined ||
    supportEmail === undefined ||
    ledgerTable === undefined ||
    downloads === undefined ||
    stripeTimeoutMs === undefined ||
    smtpTimeoutMs === undefined ||
    checkoutRateLimit === undefined ||
    resendRateLimit === undefined ||
    lookupRateLimit === undefined ||
    ledgerTimeoutMs === undefined ||
    ledgerConnectTimeoutMs === undefined ||
    logLevel === undefined ||
    verifiedCacheSeconds === undefined ||
    accountRateLimit === undefined ||
    accountLinkAddressLimit === undefined
  ) {
    throw new ConfigError(problems);
  }
  return {
    stripeSecretKey,
    stripeWebhookSecret,
    editionPrices,
    stripeEndpoint,
    stripeTimeoutMs,
    requireTermsConsent: consent === 'required',
    downloadSecret,
    siteUrl,
    smtpUrl,
    smtpTimeoutMs,
    checkoutRateLimit,
    resendRateLimit,
    lookupRateLimit,
    originVerifySecret,
    verifiedCacheSeconds,
    mailFrom,
    supportEmail,
    ledgerTable,
    ledgerTimeoutMs,
    ledgerConnectTimeoutMs,
    dynamodbEndpoint,
    region: env.AWS_REGION || 'us-east-1',
    downloads,
    logLevel,
    licensing,
    accountLinkSecret,
    accountRateLimit,
    accountLinkAddressLimit,
    checkoutTax,
  };
}
