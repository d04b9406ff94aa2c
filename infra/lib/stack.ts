/**
 * The storefront stack: wires the constructs together and does nothing else.
 * @module
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { StorefrontConfig } from './config';
import { Api } from './constructs/api';
import { Downloads } from './constructs/downloads';
import { GithubRoles } from './constructs/github-roles';
import { ResponseHeaders } from './constructs/response-headers';
import { Site } from './constructs/site';
import { acknowledgeAcceptedFindings } from './nag-suppressions';
import { API_ENTRY, REPO_DIR } from './paths';

/** Props of {@link StorefrontStack}. */
export interface StorefrontStackProps extends StackProps {
  readonly config: StorefrontConfig;
  /** The API handler module; apps/api/src/lambda.ts unless a test says otherwise. */
  readonly apiEntry?: string;
  /** CSP hashes of the prerendered pages' inline `<style>` (from the site build). */
  readonly styleHashes?: readonly string[];
}

/** Site, downloads, (server mode) API, and the GitHub roles. */
export class StorefrontStack extends Stack {
  readonly site: Site;
  readonly downloads: Downloads;
  readonly api?: Api;
  readonly roles: GithubRoles;

  constructor(scope: Construct, id: string, props: StorefrontStackProps) {
    super(scope, id, props);
    const { config } = props;
    const headers = new ResponseHeaders(this, 'Headers', {
      mode: config.fulfilment,
      styleHashes: props.styleHashes ?? [],
    });
    const domain =
      config.domainName && config.certificateArn
        ? {
            name: config.domainName,
            certificate: acm.Certificate.fromCertificateArn(
              this,
              'Certificate',
              config.certificateArn,
            ),
          }
        : undefined;
    this.site = new Site(this, 'Site', { headers, ...(domain && { domain }) });
    this.downloads = new Downloads(this, 'Downloads', {
      distribution: this.site.distribution,
      headers,
      ...(config.downloadsBucketName && { existingBucketName: config.downloadsBucketName }),
    });
    if (config.fulfilment === 'server') {
      this.api = new Api(this, 'Api', {
        distribution: this.site.distribution,
        headers,
        entry: props.apiEntry ?? API_ENTRY,
        projectRoot: REPO_DIR,
        downloadsBucket: this.downloads.bucket,
        downloadsPrefix: this.downloads.prefix,
        siteUrl: this.site.url,
        // parseConfig guarantees these in server mode.
        stripePriceId: config.stripePriceId ?? '',
        mailFrom: config.mailFrom ?? '',
        supportEmail: config.supportEmail ?? '',
        logRetentionDays: config.logRetentionDays as logs.RetentionDays,
      });
    } else {
      this.site.serveTimeAtEdge();
    }
    this.roles = new GithubRoles(this, 'Github', {
      repository: config.githubRepository,
      ...(config.githubOidcProviderArn && { providerArn: config.githubOidcProviderArn }),
      downloadsBucket: this.downloads.bucket,
      downloadsPrefix: this.downloads.prefix,
      siteBucket: this.site.bucket,
      distribution: this.site.distribution,
    });
    acknowledgeAcceptedFindings({
      site: this.site,
      downloads: this.downloads,
      roles: this.roles,
      ...(this.api && { api: this.api }),
      customDomain: domain !== undefined,
    });

    new CfnOutput(this, 'SiteUrl', { value: this.site.url });
    new CfnOutput(this, 'SiteBucketName', { value: this.site.bucket.bucketName });
    new CfnOutput(this, 'DistributionId', { value: this.site.distribution.distributionId });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.site.distribution.distributionDomainName,
    });
    new CfnOutput(this, 'DownloadsBucketName', { value: this.downloads.bucket.bucketName });
    new CfnOutput(this, 'ReleaseRoleArn', { value: this.roles.releaseRole.roleArn });
    new CfnOutput(this, 'DeployRoleArn', { value: this.roles.deployRole.roleArn });
    if (this.api) {
      new CfnOutput(this, 'ApiSecretsArn', { value: this.api.secrets.secretArn });
      new CfnOutput(this, 'LedgerTableName', { value: this.api.ledger.tableName });
    }
  }
}
