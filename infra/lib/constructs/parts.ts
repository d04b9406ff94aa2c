/**
 * Building blocks the constructs share, so each kind of resource is configured in one place.
 * @module
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
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
