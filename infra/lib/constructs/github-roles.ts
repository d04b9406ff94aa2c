/**
 * The roles GitHub Actions assume through OIDC, each for one job and nothing more:
 * - release (environment `downloads`: update-binaries, rotate-downloads): list, read, put, copy and
 *   delete objects under the downloads prefix only;
 * - deploy (environment `production`: deploy.yml): change this stack through CloudFormation
 *   (which acts with the CDK bootstrap's execution role), upload the site and invalidate it, and
 *   test, publish and roll back this stack's CloudFront Functions (infra/scripts/release-site.mjs).
 * No statement uses a `*` action.
 * @module
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { Ownership } from '../config';

const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

/** Props of {@link GithubRoles}. */
export interface GithubRolesProps {
  /** `owner/name`. */
  readonly repository: string;
  /**
   * Create GitHub's OIDC provider (kept when removed from the stack, so a later switch to import
   * cannot delete it) or use the account's existing one.
   */
  readonly provider: Ownership<'arn'>;
  readonly downloadsBucket: s3.IBucket;
  readonly downloadsPrefix: string;
  readonly siteBucket: s3.IBucket;
  readonly distribution: cloudfront.IDistribution;
  /** The CDK bootstrap qualifier (`cdk bootstrap --qualifier`). */
  readonly cdkQualifier?: string;
}

/** The OIDC provider and the two roles. */
export class GithubRoles extends Construct {
  readonly releaseRole: iam.Role;
  readonly deployRole: iam.Role;

  constructor(scope: Construct, id: string, props: GithubRolesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    let providerArn: string;
    if (props.provider.mode === 'import') {
      providerArn = props.provider.arn;
    } else {
      const provider = new iam.OidcProviderNative(this, 'Provider', {
        url: `https://${GITHUB_ISSUER}`,
        clientIds: ['sts.amazonaws.com'],
      });
      provider.applyRemovalPolicy(RemovalPolicy.RETAIN);
      providerArn = provider.oidcProviderArn;
    }
    const principalFor = (environment: string) =>
      new iam.WebIdentityPrincipal(providerArn, {
        StringEquals: {
          [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com',
          [`${GITHUB_ISSUER}:sub`]: `repo:${props.repository}:environment:${environment}`,
        },
      });

    this.releaseRole = new iam.Role(this, 'ReleaseRole', {
      description:
        'GitHub Actions (environment downloads): release ZIPs under the downloads prefix',
      assumedBy: principalFor('downloads'),
    });
    const prefix = props.downloadsPrefix;
    this.releaseRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListDownloadsPrefix',
        actions: ['s3:ListBucket'],
        resources: [props.downloadsBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${prefix}/*`, prefix] } },
      }),
    );
    this.releaseRole.addToPolicy(
      new iam.PolicyStatement({
        // A server-side copy is GetObject on the source and PutObject on the target; large ZIPs
        // go up in parts, and a failed multipart upload must be abortable.
        sid: 'PutCopyDeleteUnderDownloadsPrefix',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: [props.downloadsBucket.arnForObjects(`${prefix}/*`)],
      }),
    );

    this.deployRole = new iam.Role(this, 'DeployRole', {
      description: 'GitHub Actions (environment production): update this stack and the site',
      assumedBy: principalFor('production'),
    });
    const qualifier = props.cdkQualifier ?? 'hnb659fds';
    const stackArn = stack.formatArn({
      service: 'cloudformation',
      resource: 'stack',
      resourceName: `${stack.stackName}/*`,
    });
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ChangeThisStackOnly',
        actions: [
          'cloudformation:CreateChangeSet',
          'cloudformation:DeleteChangeSet',
          'cloudformation:DescribeChangeSet',
          'cloudformation:DescribeStacks',
          'cloudformation:DescribeStackEvents',
          'cloudformation:DescribeStackResource',
          'cloudformation:ExecuteChangeSet',
          'cloudformation:GetTemplate',
          'cloudformation:GetTemplateSummary',
        ],
        resources: [stackArn],
      }),
    );
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        // CloudFormation acts with the bootstrap's execution role; the deploy role only hands it on.
        sid: 'PassTheCdkExecutionRole',
        actions: ['iam:PassRole'],
        resources: [
          stack.formatArn({
            service: 'iam',
            region: '',
            resource: 'role',
            resourceName: `cdk-${qualifier}-cfn-exec-role-${stack.account}-${stack.region}`,
          }),
        ],
        conditions: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } },
      }),
    );
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'PublishCdkAssets',
        actions: ['s3:GetObject', 's3:PutObject', 's3:GetBucketLocation', 's3:ListBucket'],
        resources: [
          `arn:${stack.partition}:s3:::cdk-${qualifier}-assets-${stack.account}-${stack.region}`,
          `arn:${stack.partition}:s3:::cdk-${qualifier}-assets-${stack.account}-${stack.region}/*`,
        ],
      }),
    );
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadCdkBootstrapVersion',
        actions: ['ssm:GetParameter'],
        resources: [
          stack.formatArn({
            service: 'ssm',
            resource: 'parameter',
            resourceName: `cdk-bootstrap/${qualifier}/version`,
          }),
        ],
      }),
    );
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'UploadTheSite',
        actions: ['s3:ListBucket'],
        resources: [props.siteBucket.bucketArn],
      }),
    );
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteTheSiteObjects',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [props.siteBucket.arnForObjects('*')],
      }),
    );
    // The stack's CloudFront Functions (the constructs before this one created them all):
    // release-site.mjs keeps each one's LIVE code, runs TestFunction in DEVELOPMENT, publishes,
    // and on a failed smoke test publishes the kept code again.
    const edgeFunctions = stack.node
      .findAll()
      .filter((c): c is cloudfront.Function => c instanceof cloudfront.Function);
    if (edgeFunctions.length > 0) {
      this.deployRole.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ReleaseTheEdgeFunctions',
          actions: [
            'cloudfront:DescribeFunction',
            'cloudfront:GetFunction',
            'cloudfront:UpdateFunction',
            'cloudfront:TestFunction',
            'cloudfront:PublishFunction',
          ],
          resources: edgeFunctions.map((fn) => fn.functionArn),
        }),
      );
    }
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'InvalidateTheSite',
        actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
        resources: [
          `arn:${stack.partition}:cloudfront::${stack.account}:distribution/${props.distribution.distributionId}`,
        ],
      }),
    );
  }
}
