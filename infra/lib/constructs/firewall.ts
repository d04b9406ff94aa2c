/**
 * The optional AWS WAF web ACL (context `waf=true`): one rate-based rule that blocks an address
 * making more than `wafApiRateLimit` requests to `/api/*` in 5 minutes. CloudFront-scoped web ACLs
 * exist only in us-east-1, so the stack must be deployed there to use it.
 * @module
 */
import { Stack } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ConfigError } from '../config';

/** Props of {@link Firewall}. */
export interface FirewallProps {
  readonly distribution: cloudfront.Distribution;
  /** Requests one address may make to `/api/*` per 5 minutes. */
  readonly apiRateLimit: number;
}

/** The web ACL, attached to the distribution. */
export class Firewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: FirewallProps) {
    super(scope, id);
    const stack = Stack.of(this);
    if (stack.region !== 'us-east-1') {
      throw new ConfigError([
        `waf: a CloudFront web ACL can only be created in us-east-1, and this stack is in ${stack.region}. Deploy the stack in us-east-1 (CDK_DEFAULT_REGION) or leave waf off.`,
      ]);
    }
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      description: 'Local Memory: per-address rate limit on /api/*',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${stack.stackName}-waf`),
      rules: [
        {
          name: 'ApiRatePerAddress',
          priority: 0,
          action: { block: {} },
          visibilityConfig: visibility(`${stack.stackName}-api-rate`),
          statement: {
            rateBasedStatement: {
              limit: props.apiRateLimit,
              evaluationWindowSec: 300,
              // CloudFront-scoped: the viewer's address, not a header a client can set.
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: '/api/',
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
        },
      ],
    });
    props.distribution.attachWebAclId(this.webAcl.attrArn);
  }
}
