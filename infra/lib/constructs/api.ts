/**
 * The API (apps/api, Hono on Lambda) for server fulfilment: Node.js 24 on arm64, bundled by the
 * local esbuild (no Docker), behind `/api/*` with caching disabled and the whole request (method,
 * query, body, headers but Host) forwarded through a Function URL; its DynamoDB ledger
 * (on-demand, point-in-time recovery) and its secrets in Secrets Manager, read at cold start.
 *
 * Reachable only through CloudFront: CloudFront adds `x-origin-verify` with a generated secret
 * (Secrets Manager) to every origin request and the API refuses requests without the current or
 * previous value. Resend mail goes out after the answer through an asynchronous invocation of the
 * function itself; failed ones end in an encrypted dead-letter queue.
 * @module
 */
import { SUPPORT } from '@local-memory/catalog';
import { BEHAVIOUR_PATTERNS } from '@local-memory/site-policy';
import { ArnFormat, Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { LeaseSigning } from '../config';
import { functionLogsAndRole, NODE_FUNCTION_ENVIRONMENT, nodeFunctionDefaults } from './parts';
import type { ResponseHeaders } from './response-headers';

/** Props of {@link Api}. */
export interface ApiProps {
  readonly distribution: cloudfront.Distribution;
  readonly headers: ResponseHeaders;
  /** The handler module (apps/api/src/lambda.ts, exporting `handler`). */
  readonly entry: string;
  /** The repository root: esbuild's project root and lockfile. */
  readonly projectRoot: string;
  readonly downloadsBucket: s3.IBucket;
  readonly downloadsPrefix: string;
  /** `https://…` of the site, for Checkout's return URL and emails. */
  readonly siteUrl: string;
  /** Each edition's Stripe Price by the API variable that holds it (`STRIPE_PRICE_ID`, …). */
  readonly editionPrices: Readonly<Record<string, string>>;
  readonly mailFrom: string;
  readonly supportEmail: string;
  readonly logRetentionDays: logs.RetentionDays;
  /** The most instances that run at once: a cap on cost and on what a flood can reach. */
  readonly reservedConcurrency: number;
  /** The id written in every lease's footer for the signing key (`leaseKid`). */
  readonly leaseKid: string;
  /** `kms`: an Ed25519 KMS key signs; `secret`: a PEM key in Secrets Manager (no Ed25519 in KMS). */
  readonly leaseSigning: LeaseSigning;
  /** `kid=64 hex` pairs of retired signing keys whose leases still refresh; may be empty. */
  readonly leasePreviousKeys: string;
  /** The origin-verify secret version CloudFront sends; the current one when absent. */
  readonly originVerifySecretVersion?: string;
}

/** The header CloudFront adds to every request to the API's origin. */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** How often Lambda retries a failed asynchronous (resend) invocation before the DLQ. */
export const ASYNC_RETRY_ATTEMPTS = 2;

/** The keys the API's secret (APP_SECRETS_ARN) must hold; see docs/deploy.md. */
export const APP_SECRET_KEYS = [
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'DOWNLOAD_SECRET',
  'SMTP_URL',
] as const;

/** The API Lambda, its ledger, its secret and the `/api/*` behaviour. */
export class Api extends Construct {
  readonly handler: nodejs.NodejsFunction;
  readonly ledger: dynamodb.Table;
  readonly secrets: secretsmanager.Secret;
  readonly logGroup: logs.LogGroup;
  /** The generated value CloudFront sends as {@link ORIGIN_VERIFY_HEADER}. */
  readonly originVerify: secretsmanager.Secret;
  /** Asynchronous invocations (resend mail) that failed every attempt. */
  readonly asyncDeadLetters: sqs.Queue;
  /** `kms`: the Ed25519 key that signs leases and the revocation list; only the API may sign. */
  readonly leaseSigningKey?: kms.Key;
  /** `secret`: the secret whose value is the Ed25519 PEM key; only the API may read it. */
  readonly leaseSigningSecret?: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.ledger = new dynamodb.Table(this, 'Ledger', {
      // apps/api/src/ledger: Powertools idempotency records (key `id`, expiry `expiration`).
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Created empty: the values are put once by the operator (docs/deploy.md), never in code.
    this.secrets = new secretsmanager.Secret(this, 'Secrets', {
      description: `Local Memory API: JSON with ${APP_SECRET_KEYS.join(', ')}`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.originVerify = new secretsmanager.Secret(this, 'OriginVerify', {
      description: `Local Memory API: the ${ORIGIN_VERIFY_HEADER} value CloudFront sends (docs/operations.md, rotation)`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    this.asyncDeadLetters = new sqs.Queue(this, 'AsyncDeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // Leases are signed in KMS: the private key never leaves it, and only this function's role
    // may use it. Asymmetric keys cannot rotate automatically; a new key is a new `kid`
    // (docs/operations.md, "Lease signing keys"). Where the Region's KMS has no Ed25519 keys,
    // the operator puts the PEM key in a secret instead, as a version labelled with its kid (the
    // API reads that version; CloudFormation's random placeholder is never read).
    let leaseSigningVariable: Record<string, string>;
    if (props.leaseSigning === 'kms') {
      this.leaseSigningKey = new kms.Key(this, 'LeaseSigningKey', {
        description: 'Local Memory API: signs license leases and the revocation list (Ed25519)',
        keySpec: kms.KeySpec.ECC_NIST_EDWARDS25519,
        keyUsage: kms.KeyUsage.SIGN_VERIFY,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      leaseSigningVariable = { LEASE_SIGNING_KMS_KEY_ID: this.leaseSigningKey.keyArn };
    } else {
      this.leaseSigningSecret = new secretsmanager.Secret(this, 'LeaseSigningSecret', {
        description:
          'Local Memory API: the Ed25519 PKCS#8 PEM key that signs license leases (docs/operations.md, "Lease signing keys")',
        removalPolicy: RemovalPolicy.RETAIN,
      });
      leaseSigningVariable = { LEASE_SIGNING_SECRET_ARN: this.leaseSigningSecret.secretArn };
    }
    const { logGroup, role } = functionLogsAndRole(
      this,
      props.logRetentionDays,
      'Local Memory API Lambda',
    );
    this.logGroup = logGroup;
    // A physical name, so the function's own ARN is known before the function exists: the
    // permission to invoke itself (resend mail after the answer) is then no circular reference.
    const stack = Stack.of(this);
    const functionName = `${stack.stackName}-Api`;
    this.handler = new nodejs.NodejsFunction(this, 'Handler', {
      ...nodeFunctionDefaults(props.projectRoot),
      functionName,
      reservedConcurrentExecutions: props.reservedConcurrency,
      entry: props.entry,
      handler: 'handler',
      memorySize: 512,
      timeout: Duration.seconds(15),
      logGroup,
      role,
      environment: {
        ...NODE_FUNCTION_ENVIRONMENT,
        APP_SECRETS_ARN: this.secrets.secretArn,
        ORIGIN_VERIFY_SECRET_ARN: this.originVerify.secretArn,
        LEDGER_TABLE: this.ledger.tableName,
        S3_BUCKET: props.downloadsBucket.bucketName,
        S3_PREFIX: props.downloadsPrefix,
        SITE_URL: props.siteUrl,
        ...props.editionPrices,
        MAIL_FROM: props.mailFrom,
        [SUPPORT.apiVariable]: props.supportEmail,
        ...leaseSigningVariable,
        LEASE_KID: props.leaseKid,
        ...(props.leasePreviousKeys && { LEASE_PREVIOUS_KEYS: props.leasePreviousKeys }),
      },
    });
    this.ledger.grantReadWriteData(this.handler);
    this.secrets.grantRead(this.handler);
    this.originVerify.grantRead(this.handler);
    this.leaseSigningKey?.grant(this.handler, 'kms:Sign', 'kms:GetPublicKey');
    if (this.leaseSigningSecret) {
      this.leaseSigningSecret.grantRead(this.handler);
      // IAM alone would let any principal allowed secretsmanager:GetSecretValue on * (an admin)
      // read the private key; the secret's own policy refuses everyone but this function's role.
      this.leaseSigningSecret.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'OnlyTheApiReadsTheLeaseSigningKey',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['secretsmanager:GetSecretValue'],
          resources: ['*'],
          conditions: { ArnNotEquals: { 'aws:PrincipalArn': role.roleArn } },
        }),
      );
    }
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'InvokeItselfAsynchronously',
        actions: ['lambda:InvokeFunction'],
        resources: [
          stack.formatArn({
            service: 'lambda',
            resource: 'function',
            resourceName: functionName,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );
    // A lost resend is a buyer without their key: retry twice, then keep the event 14 days.
    this.handler.configureAsyncInvoke({
      retryAttempts: ASYNC_RETRY_ATTEMPTS,
      maxEventAge: Duration.hours(1),
      onFailure: new destinations.SqsDestination(this.asyncDeadLetters),
    });
    // Presigning a download needs GetObject on the downloads prefix, nothing else.
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [props.downloadsBucket.arnForObjects(`${props.downloadsPrefix}/*`)],
      }),
    );

    // A Function URL origin forwards method, query and body untouched. It is not IAM-signed
    // (origin access control for Lambda needs viewers to sign POST bodies, which Stripe's webhook
    // cannot): CloudFront proves itself with the origin-verify header, which the API checks on
    // every request. The value is a dynamic reference, resolved by CloudFormation at deploy time;
    // naming a version makes a rotation a template change (docs/operations.md).
    const verifyValue = SecretValue.secretsManager(this.originVerify.secretArn, {
      ...(props.originVerifySecretVersion && { versionId: props.originVerifySecretVersion }),
    });
    const url = this.handler.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    const origin = new origins.FunctionUrlOrigin(url, {
      customHeaders: { [ORIGIN_VERIFY_HEADER]: verifyValue.unsafeUnwrap() },
    });
    for (const pattern of BEHAVIOUR_PATTERNS.api) {
      props.distribution.addBehavior(pattern, origin, {
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: props.headers.forClass('api'),
      });
    }
  }
}
