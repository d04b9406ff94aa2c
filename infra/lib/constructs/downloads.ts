/**
 * The downloads: the release ZIPs under `downloads/{window}/{hash}/{platform}/{file}` in their own
 * bucket (the existing one imported by name, or a new private one), served at `/downloads/*`
 * through origin access control. Links are checked at the edge (lib/functions/download-links.js).
 * @module
 */
import { BEHAVIOUR_PATTERNS } from '@local-memory/site-policy';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { edgeFunction, privateBucket } from './parts';
import type { ResponseHeaders } from './response-headers';

/** The key prefix every download lives under (S3_PREFIX). */
export const DOWNLOADS_PREFIX = 'downloads';

/** Props of {@link Downloads}. */
export interface DownloadsProps {
  readonly distribution: cloudfront.Distribution;
  readonly headers: ResponseHeaders;
  /** Import this existing bucket instead of creating one. */
  readonly existingBucketName?: string;
}

/** The downloads bucket and its `/downloads/*` behaviour. */
export class Downloads extends Construct {
  readonly bucket: s3.IBucket;
  readonly prefix = DOWNLOADS_PREFIX;
  /** Whether the bucket was imported (its policy is then the operator's, see docs/deploy.md). */
  readonly imported: boolean;

  constructor(scope: Construct, id: string, props: DownloadsProps) {
    super(scope, id);
    this.imported = props.existingBucketName !== undefined;
    this.bucket =
      props.existingBucketName !== undefined
        ? s3.Bucket.fromBucketName(this, 'Bucket', props.existingBucketName)
        : privateBucket(this, 'Bucket', 7);
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
    if (this.imported) {
      // CDK cannot edit an imported bucket's policy; this is the statement to add by hand.
      const stack = Stack.of(this);
      new CfnOutput(this, 'ImportedBucketPolicyStatement', {
        description: 'Add to the imported downloads bucket policy (docs/deploy.md)',
        value: stack.toJsonString({
          Sid: 'AllowCloudFrontReadDownloads',
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: this.bucket.arnForObjects(`${DOWNLOADS_PREFIX}/*`),
          Condition: {
            StringEquals: {
              'AWS:SourceArn': `arn:${stack.partition}:cloudfront::${stack.account}:distribution/${props.distribution.distributionId}`,
            },
          },
        }),
      });
    }
  }
}
