/**
 * The downloads: the release ZIPs under `downloads/{window}/{hash}/{platform}/{file}` in their own
 * bucket (a new private one, or an existing one imported by name), served at `/downloads/*`
 * through origin access control. Links are checked at the edge (lib/functions/download-links.js).
 * @module
 */
import { BEHAVIOUR_PATTERNS } from '@local-memory/site-policy';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { Ownership } from '../config';
import { edgeFunction, privateBucket } from './parts';
import type { ResponseHeaders } from './response-headers';

/** The key prefix every download lives under (S3_PREFIX). */
export const DOWNLOADS_PREFIX = 'downloads';

/** Props of {@link Downloads}. */
export interface DownloadsProps {
  readonly distribution: cloudfront.Distribution;
  readonly headers: ResponseHeaders;
  /** Create the bucket, or import an existing one by name (docs/deploy.md, "Create or import"). */
  readonly bucket: Ownership<'name'>;
}

/**
 * The downloads bucket and its `/downloads/*` behaviour. In both modes the stack owns the bucket
 * policy, under the same construct path (so the same logical id) and retained on removal: a
 * switch between the modes updates the policy in place and can never delete it, and a created
 * bucket outlives the stack.
 */
export class Downloads extends Construct {
  readonly bucket: s3.IBucket;
  readonly policy: s3.BucketPolicy;
  readonly prefix = DOWNLOADS_PREFIX;
  /** Whether the bucket was imported. */
  readonly imported: boolean;

  constructor(scope: Construct, id: string, props: DownloadsProps) {
    super(scope, id);
    this.imported = props.bucket.mode === 'import';
    if (props.bucket.mode === 'import') {
      const bucket = s3.Bucket.fromBucketName(this, 'Bucket', props.bucket.name);
      // The same path as a created bucket's policy (Downloads/Bucket/Policy), the same TLS-only
      // statement as `enforceSSL`; origin access control adds its read statement to it below.
      const policy = new s3.BucketPolicy(bucket, 'Policy', { bucket });
      policy.document.addStatements(
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:*'],
          conditions: { Bool: { 'aws:SecureTransport': 'false' } },
          resources: [bucket.bucketArn, bucket.arnForObjects('*')],
        }),
      );
      bucket.policy = policy;
      this.bucket = bucket;
      this.policy = policy;
    } else {
      const bucket = privateBucket(this, 'Bucket', 7);
      if (!bucket.policy) throw new Error('downloads: enforceSSL did not create a bucket policy');
      this.bucket = bucket;
      this.policy = bucket.policy;
    }
    this.policy.applyRemovalPolicy(RemovalPolicy.RETAIN);
    // READ only: without LIST a missing key is a 403 from S3, never a listing.
    const origin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessLevels: [cloudfront.AccessLevel.READ],
    });
    const links = edgeFunction(
      this,
      'Links',
      'download-links.js',
      'Malformed download links 403, expired ones 410, as short HTML pages',
    );
    for (const pattern of BEHAVIOUR_PATTERNS.downloads) {
      props.distribution.addBehavior(pattern, origin, {
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: props.headers.forClass('downloads'),
        functionAssociations: [
          { function: links, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
        compress: false,
      });
    }
  }
}
