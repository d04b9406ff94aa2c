/**
 * CloudFront response-headers policies built from `@local-memory/site-policy`, one per path class:
 * what the local preview server sends is, header for header, what CloudFront sends.
 * @module
 */
import {
  type FulfilmentMode,
  HSTS,
  HSTS_MAX_AGE_SECONDS,
  headersForClass,
  type PathClass,
} from '@local-memory/site-policy';
import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';

/** Props of {@link ResponseHeaders}. */
export interface ResponseHeadersProps {
  readonly mode: FulfilmentMode;
  /** The site build's inline-style hashes, allowed by style-src and nothing else inline. */
  readonly styleHashes?: readonly string[];
  /** The site build's inline-script hashes, allowed by script-src and nothing else inline. */
  readonly scriptHashes?: readonly string[];
}

const SECURITY_HEADERS = new Set([
  'Content-Security-Policy',
  'Strict-Transport-Security',
  'X-Content-Type-Options',
  'X-Frame-Options',
  'Referrer-Policy',
]);

/** The policies, by path class. */
export class ResponseHeaders extends Construct {
  private readonly policies = new Map<PathClass, cloudfront.IResponseHeadersPolicy>();
  private readonly mode: FulfilmentMode;
  private readonly styleHashes: readonly string[];
  private readonly scriptHashes: readonly string[];

  constructor(scope: Construct, id: string, props: ResponseHeadersProps) {
    super(scope, id);
    this.mode = props.mode;
    this.styleHashes = props.styleHashes ?? [];
    this.scriptHashes = props.scriptHashes ?? [];
  }

  /** The policy of one path class (created on first use). */
  forClass(cls: PathClass): cloudfront.IResponseHeadersPolicy {
    const existing = this.policies.get(cls);
    if (existing) return existing;
    const headers = headersForClass(cls, {
      mode: this.mode,
      styleHashes: this.styleHashes,
      scriptHashes: this.scriptHashes,
    });
    const required = (name: string): string => {
      const value = headers[name];
      if (value === undefined) throw new Error(`site-policy: ${cls} has no ${name}`);
      return value;
    };
    if (required('Strict-Transport-Security') !== HSTS) {
      throw new Error('site-policy: HSTS differs from HSTS_MAX_AGE_SECONDS');
    }
    if (required('X-Frame-Options') !== 'DENY') throw new Error('site-policy: frames must be DENY');
    const policy = new cloudfront.ResponseHeadersPolicy(this, `${cls}Policy`, {
      comment: `Local Memory ${cls} responses (packages/site-policy)`,
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: required('Content-Security-Policy'),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: required('Referrer-Policy') as cloudfront.HeadersReferrerPolicy,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: Object.entries(headers)
          .filter(([name]) => !SECURITY_HEADERS.has(name))
          .map(([header, value]) => ({ header, value, override: true })),
      },
    });
    this.policies.set(cls, policy);
    return policy;
  }
}
