/**
 * The cdk-nag AwsSolutions findings this stack accepts, each with its reason, acknowledged on the
 * exact construct (and, for wildcard findings, the exact resource) they are about. Anything else
 * cdk-nag reports fails the synth and the tests.
 * @module
 */
import { type IResolvable, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Api } from './constructs/api';
import type { Downloads } from './constructs/downloads';
import type { GithubRoles } from './constructs/github-roles';
import type { Site } from './constructs/site';
import type { WindowCheck } from './constructs/window-check';

/** The parts whose findings are acknowledged. */
export interface AcknowledgedParts {
  readonly site: Site;
  readonly downloads: Downloads;
  readonly roles: GithubRoles;
  readonly windowCheck: WindowCheck;
  readonly api?: Api;
  /** Browser mode's download secret (the window check reads it). */
  readonly downloadSecret?: IConstruct;
  readonly customDomain: boolean;
  /** Whether the optional WAF web ACL is attached. */
  readonly waf: boolean;
}

/** How cdk-nag writes a resource in a finding id: `<Logical.Arn>`, `<AWS::AccountId>`, text. */
export function nagResource(stack: Stack, value: string | IResolvable): string {
  const render = (node: unknown): string => {
    if (typeof node === 'string') return node;
    if (Array.isArray(node)) return node.map(render).join('');
    if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if ('Fn::Join' in record) {
        const [separator, parts] = record['Fn::Join'] as [string, unknown[]];
        return parts.map(render).join(separator);
      }
      if ('Fn::GetAtt' in record) {
        const [logicalId, attribute] = record['Fn::GetAtt'] as [string, string];
        return `<${logicalId}.${attribute}>`;
      }
      if ('Ref' in record) return `<${String(record.Ref)}>`;
    }
    throw new Error(`nagResource: cannot render ${JSON.stringify(node)}`);
  };
  return render(stack.resolve(value));
}

function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions::AwsSolutions-${rule}`, reason });
}

function acknowledgeWildcards(
  scope: IConstruct,
  stack: Stack,
  resources: ReadonlyArray<string>,
  reason: string,
): void {
  for (const resource of resources) {
    acknowledge(scope, `IAM5[Resource::${nagResource(stack, resource)}]`, reason);
  }
}

/**
 * Acknowledge the accepted findings.
 * @param parts - the constructs of the stack
 */
export function acknowledgeAcceptedFindings(parts: AcknowledgedParts): void {
  const { site, downloads, roles, api } = parts;
  const stack = Stack.of(site);
  const distribution = site.distribution.node.defaultChild as IConstruct;
  acknowledge(
    distribution,
    'CFR1',
    'The storefront sells worldwide; there is no country to block and no legal reason to.',
  );
  if (!parts.waf) {
    acknowledge(
      distribution,
      'CFR2',
      'WAF is off by default (context waf=true turns on a rate limit on /api/*): the API only answers requests carrying the origin-verify header, its concurrency is reserved, and a web ACL costs more than the rest of the site at this traffic (docs/deploy.md, Costs).',
    );
  }
  if (!parts.customDomain) {
    acknowledge(
      distribution,
      'CFR4',
      'Only without a custom domain: the *.cloudfront.net default certificate cannot be given a TLS policy. With domainName and certificateArn set, TLSv1.2_2021 is used and this finding does not arise.',
    );
  }
  acknowledge(
    site.bucket.node.defaultChild as IConstruct,
    'S1',
    'Server access logs would only repeat what CloudFront sees; the bucket is private, versioned and reached through origin access control only.',
  );
  acknowledge(
    site.accessLogs.node.defaultChild as IConstruct,
    'S1',
    'This is the access-log bucket: CloudFront writes its standard logs here; logging access to the logs would only log the log delivery.',
  );
  if (!downloads.imported) {
    acknowledge(
      downloads.bucket.node.defaultChild as IConstruct,
      'S1',
      'Download objects are public-by-link through CloudFront only; access logs would record the download hashes customers use, with no operational need.',
    );
  }

  const releasePolicy = roles.releaseRole.node.findChild('DefaultPolicy').node.defaultChild;
  acknowledgeWildcards(
    releasePolicy as IConstruct,
    stack,
    [downloads.bucket.arnForObjects(`${downloads.prefix}/*`)],
    'Release uploads write new object keys ({window}/{hash}/{platform}/{file}) that cannot be listed in advance; the wildcard is confined to the downloads prefix.',
  );
  const deployPolicy = roles.deployRole.node.findChild('DefaultPolicy').node.defaultChild;
  acknowledgeWildcards(
    deployPolicy as IConstruct,
    stack,
    [site.bucket.arnForObjects('*')],
    'The deploy uploads the site build, whose hashed file names change every build; confined to the site bucket.',
  );
  acknowledgeWildcards(
    deployPolicy as IConstruct,
    stack,
    [
      stack.formatArn({
        service: 'cloudformation',
        resource: 'stack',
        resourceName: `${stack.stackName}/*`,
      }),
    ],
    "A stack's ARN ends in a generated id; the name part confines it to this stack.",
  );
  acknowledgeWildcards(
    deployPolicy as IConstruct,
    stack,
    [`arn:${stack.partition}:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}/*`],
    'CDK asset objects are named by content hash at synth time; confined to the bootstrap assets bucket.',
  );

  const checkPolicy =
    parts.windowCheck.handler.role?.node.findChild('DefaultPolicy').node.defaultChild;
  acknowledgeWildcards(
    checkPolicy as IConstruct,
    stack,
    [downloads.bucket.arnForObjects(`${downloads.prefix}/*`)],
    'The window check reads (HEAD/GET) every current release object, whose keys hold download hashes derived at run time; read-only and confined to the downloads prefix.',
  );
  // Secrets that no rotation Lambda may rotate, each with why.
  const unrotated: [IConstruct | undefined, string][] = [
    [
      parts.downloadSecret,
      'The download secret is shared with the site build and the GitHub release workflows, and changing it moves every download link: it is changed by hand in all three places (docs/deploy.md), never by a rotation Lambda.',
    ],
    [
      api?.secrets,
      'The secret holds Stripe and SMTP credentials that are rotated at their issuers (docs/deploy.md, "Rotating secrets"); a Secrets Manager rotation Lambda cannot rotate them.',
    ],
    [
      api?.originVerify,
      'CloudFront only sends a new origin-verify value after a deploy, so a scheduled rotation would lock CloudFront out once the API stopped accepting the previous value; it is rotated with put-secret-value followed by a deploy (docs/operations.md).',
    ],
    [
      api?.leaseSigningSecret,
      'A new lease signing key is a new kid whose public key ships in a product release before the switch (docs/operations.md, "Lease signing keys"); a rotation Lambda replacing the key would leave every released product unable to verify new leases.',
    ],
  ];
  for (const [secret, reason] of unrotated) {
    if (secret) acknowledge(secret.node.defaultChild as IConstruct, 'SMG4', reason);
  }
  if (api) {
    const apiPolicy = api.handler.role?.node.findChild('DefaultPolicy').node.defaultChild;
    acknowledgeWildcards(
      apiPolicy as IConstruct,
      stack,
      [downloads.bucket.arnForObjects(`${downloads.prefix}/*`)],
      'The API presigns GETs for any current download object; read-only and confined to the downloads prefix.',
    );
    acknowledge(
      api.asyncDeadLetters.node.defaultChild as IConstruct,
      'SQS3',
      "This queue is itself the dead-letter destination of the API's asynchronous invocations (Lambda on-failure destination); nothing consumes it, so a queue behind it would never receive anything.",
    );
  }
}
