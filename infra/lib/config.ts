/**
 * The deployment's settings: CDK context (`cdk.json`, `-c key=value`) validated once, every wrong
 * key named in one error, so a deploy never starts half-configured.
 * @module
 */
import { FULFILMENT_MODES, type FulfilmentMode } from '@local-memory/site-policy';

/** Everything that differs between deployments. */
export interface StorefrontConfig {
  /** CloudFormation stack name. */
  readonly stackName: string;
  /** `browser`: the page derives links, no API. `server`: the API Lambda fulfils purchases. */
  readonly fulfilment: FulfilmentMode;
  /** `owner/name` of the GitHub repository whose workflows may assume the roles. */
  readonly githubRepository: string;
  /** An existing GitHub OIDC provider's ARN (an account has at most one); created when absent. */
  readonly githubOidcProviderArn?: string;
  /** The existing downloads bucket to import; a new bucket is created when absent. */
  readonly downloadsBucketName?: string;
  /** The site's domain, e.g. `localmemory.co`; with {@link certificateArn}. */
  readonly domainName?: string;
  /** ACM certificate for {@link domainName}, in us-east-1 (CloudFront's region). */
  readonly certificateArn?: string;
  /** Server mode: the Stripe Price the API sells. */
  readonly stripePriceId?: string;
  /** Server mode: sender of the license-key email. */
  readonly mailFrom?: string;
  /** Server mode: the support address shown in emails and errors. */
  readonly supportEmail?: string;
  /** Days the API's logs are kept. */
  readonly logRetentionDays: number;
}

/** Thrown when the context is wrong; `problems` names every wrong key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'INVALID_CONFIG';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid storefront configuration:\n- ${problems.join('\n- ')}`);
  }
}

const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731];

function text(raw: Record<string, unknown>, key: string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value.trim() : String(value);
}

/**
 * Validate raw context values.
 * @param raw - context key → value (strings from `-c`, or JSON values from cdk.json)
 * @returns the typed configuration
 * @throws {ConfigError} naming every missing or malformed key and what to set
 * @example
 * parseConfig({ fulfilment: 'browser', githubRepository: 'acme/storefront' });
 */
export function parseConfig(raw: Record<string, unknown>): StorefrontConfig {
  const problems: string[] = [];
  const stackName = text(raw, 'stackName') ?? 'LocalMemoryStorefront';
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) {
    problems.push(`stackName: "${stackName}" is not a CloudFormation stack name`);
  }
  const fulfilment = (text(raw, 'fulfilment') ?? 'browser') as FulfilmentMode;
  if (!FULFILMENT_MODES.includes(fulfilment)) {
    problems.push(`fulfilment: expected ${FULFILMENT_MODES.join(' or ')}, got "${fulfilment}"`);
  }
  const githubRepository = text(raw, 'githubRepository') ?? '';
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(githubRepository)) {
    problems.push(
      `githubRepository: set it to the repository as "owner/name" (got "${githubRepository}")`,
    );
  }
  const githubOidcProviderArn = text(raw, 'githubOidcProviderArn');
  if (
    githubOidcProviderArn !== undefined &&
    !/^arn:aws:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/.test(
      githubOidcProviderArn,
    )
  ) {
    problems.push('githubOidcProviderArn: expected the ARN of token.actions.githubusercontent.com');
  }
  const downloadsBucketName = text(raw, 'downloadsBucketName');
  if (
    downloadsBucketName !== undefined &&
    !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(downloadsBucketName)
  ) {
    problems.push(`downloadsBucketName: "${downloadsBucketName}" is not an S3 bucket name`);
  }
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
  if (
    certificateArn !== undefined &&
    !/^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/.test(certificateArn)
  ) {
    problems.push('certificateArn: CloudFront needs an ACM certificate in us-east-1');
  }
  const stripePriceId = text(raw, 'stripePriceId');
  const mailFrom = text(raw, 'mailFrom');
  const supportEmail = text(raw, 'supportEmail');
  if (fulfilment === 'server') {
    if (domainName === undefined) {
      // SITE_URL (Checkout's return address, emails) must exist before the distribution does.
      problems.push('domainName: server fulfilment needs the custom domain (and certificateArn)');
    }
    if (stripePriceId === undefined || !/^price_[A-Za-z0-9]+$/.test(stripePriceId)) {
      problems.push('stripePriceId: server fulfilment needs the Stripe Price id (price_…)');
    }
    for (const [key, value] of [
      ['mailFrom', mailFrom],
      ['supportEmail', supportEmail],
    ] as const) {
      if (value === undefined || !/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/.test(value)) {
        problems.push(`${key}: server fulfilment needs an email address`);
      }
    }
  }
  const retention = Number(text(raw, 'logRetentionDays') ?? 30);
  if (!LOG_RETENTION_DAYS.includes(retention)) {
    problems.push(`logRetentionDays: one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    stackName,
    fulfilment,
    githubRepository,
    logRetentionDays: retention,
    ...(githubOidcProviderArn && { githubOidcProviderArn }),
    ...(downloadsBucketName && { downloadsBucketName }),
    ...(domainName && { domainName }),
    ...(certificateArn && { certificateArn }),
    ...(stripePriceId && { stripePriceId }),
    ...(mailFrom && { mailFrom }),
    ...(supportEmail && { supportEmail }),
  };
}
