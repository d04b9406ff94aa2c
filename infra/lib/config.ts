/**
 * The deployment's settings: CDK context (`cdk.json`, `-c key=value`) validated once, every wrong
 * key named in one error, so a deploy never starts half-configured.
 * @module
 */
import { EDITIONS, type Edition, priceNames } from '@local-memory/catalog';
import { FULFILMENT_MODES, type FulfilmentMode } from '@local-memory/site-policy';
import {
  BUCKET_NAME,
  EMAIL,
  flag,
  integer,
  LOG_RETENTION_DAYS,
  MAX_SERVER_STACK_NAME,
  OIDC_ARN,
  ownership,
  text,
} from './configValues';

/**
 * Whether the stack creates a resource or imports an existing one. The mode is its own value:
 * a name or ARN alone never turns creation into an import (that switch once removed the bucket
 * policy of a stack-created bucket).
 */
export type Ownership<T extends string> =
  | { readonly mode: 'create' }
  | ({ readonly mode: 'import' } & { readonly [key in T]: string });

/** Everything that differs between deployments. */
export interface StorefrontConfig {
  /** CloudFormation stack name. */
  readonly stackName: string;
  /** `browser`: the page derives links, no API. `server`: the API Lambda fulfils purchases. */
  readonly fulfilment: FulfilmentMode;
  /** `owner/name` of the GitHub repository whose workflows may assume the roles. */
  readonly githubRepository: string;
  /** GitHub's OIDC provider: created by this stack (kept on removal) or the account's existing one. */
  readonly githubOidcProvider: Ownership<'arn'>;
  /** The downloads bucket: created by this stack or an existing one imported by name. */
  readonly downloadsBucket: Ownership<'name'>;
  /** The site's domain, e.g. `localmemory.co`; with {@link certificateArn}. */
  readonly domainName?: string;
  /** Also serve `www.` + {@link domainName} (the certificate must name it). */
  readonly wwwAlias: boolean;
  /** ACM certificate for {@link domainName}, in us-east-1 (CloudFront's region). */
  readonly certificateArn?: string;
  /**
   * Server mode: each edition's Stripe Price, keyed by the API variable that holds it
   * (`STRIPE_PRICE_ID`, …), from one context value per edition ({@link priceContextKey}).
   */
  readonly editionPrices?: Readonly<Record<string, string>>;
  /** Server mode: sender of the license-key email. */
  readonly mailFrom?: string;
  /** Server mode: the support address shown in emails and errors. */
  readonly supportEmail?: string;
  /** Who receives the alarms (an SNS email subscription, confirmed once). */
  readonly operatorEmail: string;
  /** Days the API's logs are kept. */
  readonly logRetentionDays: number;
  /** Days CloudFront's access logs are kept. */
  readonly accessLogRetentionDays: number;
  /** Server mode: the most API Lambdas that run at once (reserved concurrency). */
  readonly apiReservedConcurrency: number;
  /** An AWS WAF web ACL with a per-address rate limit on `/api/*` (costs money; off by default). */
  readonly waf: boolean;
  /** With {@link waf}: requests to `/api/*` one address may make in 5 minutes. */
  readonly wafApiRateLimit: number;
  /**
   * The origin-verify secret's version id CloudFront sends; absent: the version current at deploy.
   * Set after a rotation so CloudFormation sees a change (docs/operations.md).
   */
  readonly originVerifySecretVersion?: string;
  /** Server mode: the `kid` of the lease signing key, in every lease's footer. */
  readonly leaseKid: string;
  /**
   * Server mode: where the lease signing key lives. `kms` (default): an Ed25519 KMS key; `secret`:
   * a Secrets Manager secret holding a PEM key, for Regions whose KMS has no Ed25519 keys.
   */
  readonly leaseSigning: LeaseSigning;
  /**
   * Server mode: public keys of retired lease signing keys whose leases still refresh
   * (`kid=64 hex`, comma-separated; the API's `LEASE_PREVIOUS_KEYS`); empty by default.
   */
  readonly leasePreviousKeys: string;
}

/** The lease signing backends (docs/operations.md, "Lease signing keys"). */
export const LEASE_SIGNING = ['kms', 'secret'] as const;
export type LeaseSigning = (typeof LEASE_SIGNING)[number];

/**
 * The context key of an edition's price (the catalogue's {@link priceNames}): its API variable in
 * camelCase, so `STRIPE_PRICE_ID` is `stripePriceId`, `STRIPE_PRO_PRICE_ID` `stripeProPriceId`.
 * @param edition - an edition of the catalogue
 * @returns the key
 * @example priceContextKey(EDITIONS.standard) // 'stripePriceId'
 */
export function priceContextKey(edition: Edition): string {
  return priceNames(edition).context;
}

const PRICE_CONTEXT = Object.values(EDITIONS).map((edition) => ({
  key: priceContextKey(edition),
  edition,
}));

/** Every context key the app reads (docs/deploy.md lists each one; a test compares). */
export const CONTEXT_KEYS: readonly string[] = [
  'stackName',
  'fulfilment',
  'githubRepository',
  'githubOidcProvider',
  'downloadsBucket',
  'domainName',
  'wwwAlias',
  'certificateArn',
  ...PRICE_CONTEXT.map(({ key }) => key),
  'mailFrom',
  'supportEmail',
  'operatorEmail',
  'logRetentionDays',
  'accessLogRetentionDays',
  'apiReservedConcurrency',
  'waf',
  'wafApiRateLimit',
  'originVerifySecretVersion',
  'leaseKid',
  'leaseSigning',
  'leasePreviousKeys',
];

/** Keys that used to switch between creating and importing; refused with what to set instead. */
export const RETIRED_KEYS: Readonly<Record<string, string>> = {
  downloadsBucketName:
    'downloadsBucketName no longer imports a bucket (a name alone once made the next deploy drop the bucket policy). Remove it; to import, set downloadsBucket=import:NAME (docs/deploy.md, "Create or import")',
  githubOidcProviderArn:
    'githubOidcProviderArn no longer imports the provider. Remove it; to use the account\'s existing provider, set githubOidcProvider=import:ARN (docs/deploy.md, "Create or import")',
};

/** Thrown when the context is wrong; `problems` names every wrong key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'INVALID_CONFIG';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid storefront configuration:\n- ${problems.join('\n- ')}`);
  }
}

/**
 * Validate raw context values.
 * @param raw - context key → value (strings from `-c`, or JSON values from cdk.json)
 * @returns the typed configuration
 * @throws {ConfigError} naming every missing or malformed key and what to set
 * @example
 * parseConfig({ githubRepository: 'acme/storefront', operatorEmail: 'ops@example.com' });
 */
export function parseConfig(raw: Record<string, unknown>): StorefrontConfig {
  const problems: string[] = [];
  for (const [key, message] of Object.entries(RETIRED_KEYS)) {
    if (text(raw, key) !== undefined) problems.push(message);
  }
  const stackName = text(raw, 'stackName') ?? 'LocalMemoryStorefront';
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) {
    problems.push(`stackName: "${stackName}" is not a CloudFormation stack name`);
  }
  const fulfilment = (text(raw, 'fulfilment') ?? 'browser') as FulfilmentMode;
  if (!FULFILMENT_MODES.includes(fulfilment)) {
    problems.push(`fulfilment: expected ${FULFILMENT_MODES.join(' or ')}, got "${fulfilment}"`);
  }
  if (fulfilment === 'server' && stackName.length > MAX_SERVER_STACK_NAME) {
    problems.push(
      `stackName: at most ${MAX_SERVER_STACK_NAME} characters in server mode (the API function is named <stackName>-Api)`,
    );
  }
  const githubRepository = text(raw, 'githubRepository') ?? '';
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(githubRepository)) {
    problems.push(
      `githubRepository: set it to the repository as "owner/name" (got "${githubRepository}")`,
    );
  }
  const githubOidcProvider = ownership(
    raw,
    'githubOidcProvider',
    'arn',
    OIDC_ARN,
    'the ARN of token.actions.githubusercontent.com',
    problems,
  );
  const downloadsBucket = ownership(
    raw,
    'downloadsBucket',
    'name',
    BUCKET_NAME,
    'an S3 bucket name',
    problems,
  );
  const domainName = text(raw, 'domainName');
  const certificateArn = text(raw, 'certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    problems.push(
      'domainName and certificateArn: set both (a custom domain needs its certificate)',
    );
  }
  if (domainName !== undefined && !/^([a-z0-9-]+\.)+[a-z]{2,}$/.test(domainName)) {
    problems.push(`domainName: "${domainName}" is not a lower-case domain name`);
  }
  const wwwAlias = flag(raw, 'wwwAlias', problems);
  if (wwwAlias && domainName === undefined) {
    problems.push('wwwAlias: needs domainName (www. is added in front of it)');
  }
  if (wwwAlias && domainName?.startsWith('www.')) {
    problems.push('wwwAlias: domainName already starts with www.; set the apex as domainName');
  }
  if (
    certificateArn !== undefined &&
    !/^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/.test(certificateArn)
  ) {
    problems.push('certificateArn: CloudFront needs an ACM certificate in us-east-1');
  }
  const editionPrices: Record<string, string> = {};
  for (const { key, edition } of PRICE_CONTEXT) {
    const value = text(raw, key);
    if (value !== undefined) editionPrices[edition.price.variable] = value;
  }
  const mailFrom = text(raw, 'mailFrom');
  const supportEmail = text(raw, 'supportEmail');
  if (fulfilment === 'server') {
    if (domainName === undefined) {
      // SITE_URL (Checkout's return address, emails) must exist before the distribution does.
      problems.push('domainName: server fulfilment needs the custom domain (and certificateArn)');
    }
    for (const { key, edition } of PRICE_CONTEXT) {
      const value = editionPrices[edition.price.variable];
      if (value === undefined || !/^price_[A-Za-z0-9]+$/.test(value)) {
        problems.push(
          `${key}: server fulfilment needs the Stripe Price id (price_…) that sells ${edition.name}`,
        );
      }
    }
    for (const [key, value] of [
      ['mailFrom', mailFrom],
      ['supportEmail', supportEmail],
    ] as const) {
      if (value === undefined || !EMAIL.test(value)) {
        problems.push(`${key}: server fulfilment needs an email address`);
      }
    }
  }
  const operatorEmail = text(raw, 'operatorEmail') ?? '';
  if (!EMAIL.test(operatorEmail)) {
    problems.push(
      `operatorEmail: the address that receives the alarms, e.g. ops@example.com (got "${operatorEmail}")`,
    );
  }
  const retention = Number(text(raw, 'logRetentionDays') ?? 30);
  if (!LOG_RETENTION_DAYS.includes(retention)) {
    problems.push(`logRetentionDays: one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }
  const accessLogRetentionDays = integer(raw, 'accessLogRetentionDays', 30, [1, 3650], problems);
  const apiReservedConcurrency = integer(raw, 'apiReservedConcurrency', 20, [1, 1000], problems);
  const waf = flag(raw, 'waf', problems);
  // WAF's smallest rate limit is 10 requests per evaluation window.
  const wafApiRateLimit = integer(raw, 'wafApiRateLimit', 300, [10, 2_000_000_000], problems);
  const originVerifySecretVersion = text(raw, 'originVerifySecretVersion');
  if (
    originVerifySecretVersion !== undefined &&
    !/^[A-Za-z0-9-]{32,64}$/.test(originVerifySecretVersion)
  ) {
    problems.push(
      'originVerifySecretVersion: a Secrets Manager version id (aws secretsmanager describe-secret … VersionIdsToStages)',
    );
  }
  const leaseKid = text(raw, 'leaseKid') ?? 'lease-1';
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(leaseKid)) {
    problems.push('leaseKid: 1 to 64 letters, digits, ".", "_" or "-", e.g. lease-2026-01');
  }
  const leaseSigning = (text(raw, 'leaseSigning') ?? 'kms') as LeaseSigning;
  if (!LEASE_SIGNING.includes(leaseSigning)) {
    problems.push(
      `leaseSigning: "kms" (the default, an Ed25519 KMS key) or "secret" (a PEM key in Secrets Manager, where the Region's KMS has no Ed25519), got "${leaseSigning}"`,
    );
  }
  const leasePreviousKeys = text(raw, 'leasePreviousKeys') ?? '';
  if (
    leasePreviousKeys !== '' &&
    !/^[A-Za-z0-9._-]{1,64}=[0-9a-f]{64}(,[A-Za-z0-9._-]{1,64}=[0-9a-f]{64})*$/.test(
      leasePreviousKeys,
    )
  ) {
    problems.push(
      'leasePreviousKeys: comma-separated kid=PUBLICKEY pairs, the public key as 64 lowercase hex characters',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    leaseKid,
    leaseSigning,
    leasePreviousKeys,
    stackName,
    fulfilment,
    githubRepository,
    githubOidcProvider,
    downloadsBucket,
    wwwAlias,
    operatorEmail,
    logRetentionDays: retention,
    accessLogRetentionDays,
    apiReservedConcurrency,
    waf,
    wafApiRateLimit,
    ...(domainName && { domainName }),
    ...(certificateArn && { certificateArn }),
    ...(Object.keys(editionPrices).length > 0 && { editionPrices }),
    ...(mailFrom && { mailFrom }),
    ...(supportEmail && { supportEmail }),
    ...(originVerifySecretVersion && { originVerifySecretVersion }),
  };
}
