/**
 * The site: a private, versioned, TLS-only bucket behind CloudFront with origin access control.
 * Clean paths are mapped by a CloudFront Function (lib/functions/site-routing.js), never by a
 * distribution-wide error rule; hashed assets are cached for a year.
 * @module
 */
import { BEHAVIOUR_PATTERNS } from '@local-memory/site-policy';
import { Annotations, Duration } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { accessLogBucket, edgeFunction, privateBucket } from './parts';
import type { ResponseHeaders } from './response-headers';

/** Props of {@link Site}. */
export interface SiteProps {
  readonly headers: ResponseHeaders;
  /**
   * Custom domain and its us-east-1 certificate; the CloudFront domain when absent. With `www`,
   * `www.<name>` is a second alias of the same distribution (the certificate must name both).
   */
  readonly domain?: {
    readonly name: string;
    readonly certificate: acm.ICertificate;
    readonly www?: boolean;
  };
  /** Days CloudFront's standard access logs are kept. */
  readonly accessLogRetentionDays: number;
}

/** The site bucket and the distribution every other part adds its behaviour to. */
export class Site extends Construct {
  readonly bucket: s3.Bucket;
  /** CloudFront's standard access logs (`cloudfront/` prefix), expired after the retention. */
  readonly accessLogs: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://…` of the site. */
  readonly url: string;
  private readonly headers: ResponseHeaders;
  private readonly bucketOrigin: cloudfront.IOrigin;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    this.headers = props.headers;
    // Old versions are the rollback of a bad upload; a month is plenty.
    this.bucket = privateBucket(this, 'Bucket', 30);
    // LIST lets S3 answer a missing file with 404 instead of 403, so a missing page is a 404.
    this.bucketOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.LIST],
    });
    const routing = edgeFunction(
      this,
      'Routing',
      'site-routing.js',
      'Clean paths to the app document; unknown pages answer 404',
    );
    const routed: cloudfront.FunctionAssociation[] = [
      { function: routing, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
      { function: routing, eventType: cloudfront.FunctionEventType.VIEWER_RESPONSE },
    ];
    // HTML: CloudFront keeps it briefly (deploys invalidate it); the query string (the Checkout
    // Session id on /success) is not part of the cache key and never reaches the bucket.
    const htmlCache = new cloudfront.CachePolicy(this, 'HtmlCache', {
      comment: 'Local Memory HTML: short edge cache, no query string in the key',
      defaultTtl: Duration.minutes(5),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.hours(1),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.accessLogs = accessLogBucket(this, 'AccessLogs', props.accessLogRetentionDays);
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Local Memory storefront',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      // The routing function already maps `/`; this is the second guard: with LIST granted, a
      // request for the bare root must never return a bucket listing.
      defaultRootObject: 'index.html',
      enableLogging: true,
      logBucket: this.accessLogs,
      logFilePrefix: 'cloudfront/',
      ...(props.domain && {
        domainNames: [props.domain.name, ...(props.domain.www ? [`www.${props.domain.name}`] : [])],
        certificate: props.domain.certificate,
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      defaultBehavior: {
        origin: this.bucketOrigin,
        ...this.fromBucket('site', htmlCache, routed),
      },
    });
    // The pages holding a buyer's keys: their own first-party-only headers (site-policy).
    for (const cls of ['success', 'account'] as const)
      for (const pattern of BEHAVIOUR_PATTERNS[cls])
        this.distribution.addBehavior(
          pattern,
          this.bucketOrigin,
          this.fromBucket(cls, htmlCache, routed),
        );
    for (const pattern of BEHAVIOUR_PATTERNS.assets)
      this.distribution.addBehavior(
        pattern,
        this.bucketOrigin,
        this.fromBucket('assets', cloudfront.CachePolicy.CACHING_OPTIMIZED),
      );
    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'defaultRootObject is set and the routing function maps every bare path to a document',
    );
    this.url = `https://${props.domain?.name ?? this.distribution.distributionDomainName}`;
  }

  /** A GET/HEAD behaviour on the site bucket: HTTPS only, compressed, with the class's headers. */
  private fromBucket(
    cls: 'site' | 'success' | 'account' | 'assets',
    cachePolicy: cloudfront.ICachePolicy,
    functionAssociations?: cloudfront.FunctionAssociation[],
  ): cloudfront.AddBehaviorOptions {
    return {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy,
      responseHeadersPolicy: this.headers.forClass(cls),
      ...(functionAssociations && { functionAssociations }),
      compress: true,
    };
  }

  /**
   * Browser fulfilment has no API: `/api/*` is answered at the edge (lib/functions/api-time.js),
   * `/api/time` with the edge's clock and never cached, anything else a JSON 404.
   */
  serveTimeAtEdge(): void {
    const time = edgeFunction(
      this,
      'EdgeTime',
      'api-time.js',
      'GET /api/time at the edge (browser fulfilment)',
    );
    for (const pattern of BEHAVIOUR_PATTERNS.api) {
      // The origin is never reached: the function answers every request.
      this.distribution.addBehavior(pattern, this.bucketOrigin, {
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        responseHeadersPolicy: this.headers.forClass('api'),
        functionAssociations: [
          { function: time, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      });
    }
  }
}
