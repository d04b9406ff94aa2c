/**
 * The storefront stack: wires the constructs together and does nothing else.
 * @module
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { StorefrontConfig } from './config';
import { Api } from './constructs/api';
import { Downloads } from './constructs/downloads';
import { Firewall } from './constructs/firewall';
import { GithubRoles } from './constructs/github-roles';
import { Monitoring } from './constructs/monitoring';
import { ResponseHeaders } from './constructs/response-headers';
import { Site } from './constructs/site';
import { WindowCheck } from './constructs/window-check';
import { acknowledgeAcceptedFindings } from './nag-suppressions';
import { API_ENTRY, REPO_DIR } from './paths';

/** Props of {@link StorefrontStack}. */
export interface StorefrontStackProps extends StackProps {
  readonly config: StorefrontConfig;
  /** The API handler module; apps/api/src/lambda.ts unless a test says otherwise. */
  readonly apiEntry?: string;
  /** CSP hashes of the prerendered pages' inline `<style>` (from the site build). */
  readonly styleHashes?: readonly string[];
  /** CSP hashes of the prerendered pages' inline bootstrap `<script>` (from the site build). */
  readonly scriptHashes?: readonly string[];
}

/** Site, downloads, (server mode) API, the GitHub roles, and the monitoring. */
export class StorefrontStack extends Stack {
  readonly site: Site;
  readonly downloads: Downloads;
  readonly api?: Api;
  readonly roles: GithubRoles;
  readonly windowCheck: WindowCheck;
  readonly monitoring: Monitoring;
  readonly firewall?: Firewall;
  /** Browser mode: the download secret the window check reads (server mode: the API's secret). */
  readonly downloadSecret?: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: StorefrontStackProps) {
    super(scope, id, props);
    const { config } = props;
    const headers = new ResponseHeaders(this, 'Headers', {
      mode: config.fulfilment,
      styleHashes: props.styleHashes ?? [],
      scriptHashes: props.scriptHashes ?? [],
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
            www: config.wwwAlias,
          }
        : undefined;
    this.site = new Site(this, 'Site', {
      headers,
      accessLogRetentionDays: config.accessLogRetentionDays,
      ...(domain && { domain }),
    });
    this.downloads = new Downloads(this, 'Downloads', {
      distribution: this.site.distribution,
      headers,
      bucket: config.downloadsBucket,
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
        editionPrices: config.editionPrices ?? {},
        mailFrom: config.mailFrom ?? '',
        supportEmail: config.supportEmail ?? '',
        logRetentionDays: config.logRetentionDays as logs.RetentionDays,
        reservedConcurrency: config.apiReservedConcurrency,
        leaseKid: config.leaseKid,
        leaseSigning: config.leaseSigning,
        leasePreviousKeys: config.leasePreviousKeys,
        ...(config.originVerifySecretVersion && {
          originVerifySecretVersion: config.originVerifySecretVersion,
        }),
      });
    } else {
      this.site.serveTimeAtEdge();
      // Created empty like the API's secret; the operator puts {"DOWNLOAD_SECRET": …} once.
      this.downloadSecret = new secretsmanager.Secret(this, 'DownloadSecret', {
        description: 'Local Memory download-window check: JSON with DOWNLOAD_SECRET',
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }
    if (config.waf) {
      this.firewall = new Firewall(this, 'Firewall', {
        distribution: this.site.distribution,
        apiRateLimit: config.wafApiRateLimit,
      });
    }
    this.windowCheck = new WindowCheck(this, 'WindowCheck', {
      downloadsBucket: this.downloads.bucket,
      downloadsPrefix: this.downloads.prefix,
      secret: this.api?.secrets ?? (this.downloadSecret as secretsmanager.Secret),
      projectRoot: REPO_DIR,
      logRetentionDays: config.logRetentionDays as logs.RetentionDays,
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      operatorEmail: config.operatorEmail,
      distribution: this.site.distribution,
      windowCheck: this.windowCheck,
      ...(this.api && { api: this.api }),
    });
    this.roles = new GithubRoles(this, 'Github', {
      repository: config.githubRepository,
      provider: config.githubOidcProvider,
      downloadsBucket: this.downloads.bucket,
      downloadsPrefix: this.downloads.prefix,
      siteBucket: this.site.bucket,
      distribution: this.site.distribution,
    });
    acknowledgeAcceptedFindings({
      site: this.site,
      downloads: this.downloads,
      roles: this.roles,
      windowCheck: this.windowCheck,
      ...(this.api && { api: this.api }),
      ...(this.downloadSecret && { downloadSecret: this.downloadSecret }),
      customDomain: domain !== undefined,
      waf: this.firewall !== undefined,
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
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'AccessLogsBucketName', { value: this.site.accessLogs.bucketName });
    if (this.downloadSecret) {
      new CfnOutput(this, 'DownloadSecretArn', { value: this.downloadSecret.secretArn });
    }
    if (this.api) {
      new CfnOutput(this, 'ApiSecretsArn', { value: this.api.secrets.secretArn });
      new CfnOutput(this, 'LedgerTableName', { value: this.api.ledger.tableName });
      new CfnOutput(this, 'OriginVerifySecretArn', { value: this.api.originVerify.secretArn });
      if (this.api.leaseSigningSecret) {
        new CfnOutput(this, 'LeaseSigningSecretArn', {
          value: this.api.leaseSigningSecret.secretArn,
        });
      }
      new CfnOutput(this, 'ResendDeadLetterQueueUrl', {
        value: this.api.asyncDeadLetters.queueUrl,
      });
    }
  }
}
