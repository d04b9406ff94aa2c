/**
 * Building blocks the constructs share, so each kind of resource is configured in one place.
 * @module
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { functionFile } from '../paths';

/**
 * A private, encrypted, TLS-only, versioned bucket that outlives the stack, served only through
 * CloudFront origin access control.
 * @param noncurrentVersionDays - how long replaced versions are kept
 */
export function privateBucket(
  scope: Construct,
  id: string,
  noncurrentVersionDays: number,
): s3.Bucket {
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(noncurrentVersionDays) }],
  });
}

/**
 * The bucket CloudFront's standard access logs go to: private, TLS-only, each log file deleted
 * after `retentionDays`. CloudFront's log delivery writes with an object ACL, so ACLs stay enabled
 * (the bucket owner still owns every object).
 */
export function accessLogBucket(scope: Construct, id: string, retentionDays: number): s3.Bucket {
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [
      {
        expiration: Duration.days(retentionDays),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
    ],
  });
}

/** A CloudFront Function (cloudfront-js-2.0) from its source file in lib/functions. */
export function edgeFunction(
  scope: Construct,
  id: string,
  file: string,
  comment: string,
): cloudfront.Function {
  return new cloudfront.Function(scope, id, {
    comment,
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    code: cloudfront.FunctionCode.fromFile({ filePath: functionFile(file) }),
  });
}

/**
 * What every Node.js Lambda of the stack shares: Node.js 24 on arm64, bundled by the local
 * esbuild (no Docker) as minified ESM with source maps, and the AWS SDK bundled at the version the
 * code pins (the runtime's own copy is not used). Spread into `NodejsFunctionProps`; a caller's
 * `environment` starts with {@link NODE_FUNCTION_ENVIRONMENT}.
 * @param projectRoot - the repository root: esbuild's project root and lockfile
 */
export function nodeFunctionDefaults(projectRoot: string) {
  return {
    projectRoot,
    depsLockFilePath: `${projectRoot}/package-lock.json`,
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    bundling: {
      forceDockerBundling: false,
      format: nodejs.OutputFormat.ESM,
      target: 'node24',
      minify: true,
      sourceMap: true,
      // ESM output still meets CommonJS dependencies that call require().
      banner:
        "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);",
      externalModules: [],
    },
  } satisfies Partial<nodejs.NodejsFunctionProps>;
}

/** The variables every Node.js Lambda of the stack starts with. */
export const NODE_FUNCTION_ENVIRONMENT = { NODE_OPTIONS: '--enable-source-maps' } as const;

/**
 * A function's log group (`Logs`) and its own role (`Role`) that may write to that log group
 * only, instead of AWSLambdaBasicExecutionRole's logs on `*`.
 * @param retention - how long the logs are kept
 * @param description - the role's description
 */
export function functionLogsAndRole(
  scope: Construct,
  retention: logs.RetentionDays,
  description: string,
): { logGroup: logs.LogGroup; role: iam.Role } {
  const logGroup = new logs.LogGroup(scope, 'Logs', {
    retention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const role = new iam.Role(scope, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description,
  });
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
  return { logGroup, role };
}
