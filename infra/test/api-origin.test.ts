/**
 * The API only through CloudFront: the origin-verify header from a generated secret, the Lambda's
 * reserved concurrency, its permission to invoke itself asynchronously (resend mail after the
 * answer) with a dead-letter queue, and the optional WAF rate limit on `/api/*`.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../lib/config';
import { ASYNC_RETRY_ATTEMPTS, ORIGIN_VERIFY_HEADER } from '../lib/constructs/api';
import {
  BROWSER,
  distributionConfig,
  type Json,
  resources,
  resourcesById,
  SERVER,
  type Synth,
  synth,
} from './synth-helpers';

const VERSION = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';

let server: Synth;
let tuned: Synth;
beforeAll(() => {
  server = synth(SERVER);
  tuned = synth({ ...SERVER, apiReservedConcurrency: '7', originVerifySecretVersion: VERSION });
});

const apiFunction = (s: Synth): [string, Json] => {
  const entries = Object.entries(resourcesById(s.template, 'AWS::Lambda::Function')).filter(
    ([id]) => id.startsWith('ApiHandler'),
  );
  expect(entries).toHaveLength(1);
  return entries[0] as [string, Json];
};
const verifySecretId = (s: Synth): string => {
  const ids = Object.keys(resourcesById(s.template, 'AWS::SecretsManager::Secret')).filter((id) =>
    id.startsWith('ApiOriginVerify'),
  );
  expect(ids).toHaveLength(1);
  return ids[0] as string;
};
const apiOrigin = (s: Synth): Json => {
  const config = distributionConfig(s.template);
  const behaviour = config.CacheBehaviors.find((b: Json) => b.PathPattern === '/api/*');
  return config.Origins.find((o: Json) => o.Id === behaviour.TargetOriginId);
};

describe('origin verification', () => {
  it('has CloudFront send the generated secret as x-origin-verify to the API origin only', () => {
    const secretId = verifySecretId(server);
    const secret = resourcesById(server.template, 'AWS::SecretsManager::Secret')[secretId];
    expect(secret.Properties.GenerateSecretString).toEqual(
      expect.objectContaining({ PasswordLength: 48, ExcludePunctuation: true }),
    );
    expect(apiOrigin(server).OriginCustomHeaders).toEqual([
      {
        HeaderName: ORIGIN_VERIFY_HEADER,
        HeaderValue: {
          'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']],
        },
      },
    ]);
    // No other origin (the buckets) receives it.
    const others = distributionConfig(server.template).Origins.filter(
      (o: Json) => o.OriginCustomHeaders !== undefined,
    );
    expect(others).toHaveLength(1);
  });

  it('pins the secret version when told, so a rotation changes the template', () => {
    expect(JSON.stringify(apiOrigin(tuned).OriginCustomHeaders[0].HeaderValue)).toContain(
      `:SecretString:::${VERSION}}}`,
    );
  });

  it('gives the Lambda the secret ARN and read access to it', () => {
    const secretId = verifySecretId(server);
    const [, fn] = apiFunction(server);
    expect(fn.Properties.Environment.Variables.ORIGIN_VERIFY_SECRET_ARN).toEqual({ Ref: secretId });
    server.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
            Resource: { Ref: secretId },
          }),
        ]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^ApiRole') }],
    });
  });
});

describe('capacity', () => {
  it('reserves 20 concurrent executions by default and what the context says otherwise', () => {
    expect(apiFunction(server)[1].Properties.ReservedConcurrentExecutions).toBe(20);
    expect(apiFunction(tuned)[1].Properties.ReservedConcurrentExecutions).toBe(7);
  });
});

describe('resend after the answer (asynchronous self-invocation)', () => {
  it('names the function and lets it invoke exactly itself, with no circular reference', () => {
    const [fnId, fn] = apiFunction(server);
    expect(fn.Properties.FunctionName).toBe('LocalMemoryStorefront-Api');
    const statements = resources(server.template, 'AWS::IAM::Policy')
      .filter((p) => p.Properties.Roles.some((r: Json) => r.Ref.startsWith('ApiRole')))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    const invoke = statements.filter((s: Json) =>
      [s.Action].flat().includes('lambda:InvokeFunction'),
    );
    expect(invoke).toHaveLength(1);
    expect(invoke[0].Resource).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':lambda:us-east-1:',
          { Ref: 'AWS::AccountId' },
          ':function:LocalMemoryStorefront-Api',
        ],
      ],
    });
    // The grant does not reference the function resource (that would be a cycle).
    expect(JSON.stringify(invoke[0])).not.toContain(fnId);
  });

  it('retries twice, then sends the event to an encrypted queue kept 14 days', () => {
    const config = resources(server.template, 'AWS::Lambda::EventInvokeConfig');
    expect(config).toHaveLength(1);
    expect(config[0].Properties.MaximumRetryAttempts).toBe(ASYNC_RETRY_ATTEMPTS);
    const queueId = config[0].Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0];
    const queue = resourcesById(server.template, 'AWS::SQS::Queue')[queueId];
    expect(queue.Properties).toEqual(
      expect.objectContaining({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 }),
    );
    // TLS only.
    server.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });
});

describe('optional WAF', () => {
  it('is off by default', () => {
    server.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    expect(distributionConfig(server.template).WebACLId).toBeUndefined();
  });

  it('with waf=true: a CloudFront web ACL rate-limits /api/* per address', () => {
    const withWaf = synth({ ...BROWSER, waf: 'true', wafApiRateLimit: '150' }, 'us-east-1');
    const acls = resourcesById(withWaf.template, 'AWS::WAFv2::WebACL');
    const [aclId, acl] = Object.entries(acls)[0] as [string, Json];
    expect(Object.keys(acls)).toHaveLength(1);
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
    expect(acl.Properties.DefaultAction).toEqual({ Allow: {} });
    expect(acl.Properties.Rules).toHaveLength(1);
    const rule = acl.Properties.Rules[0];
    expect(rule.Action).toEqual({ Block: {} });
    expect(rule.Statement.RateBasedStatement).toEqual({
      Limit: 150,
      EvaluationWindowSec: 300,
      AggregateKeyType: 'IP',
      ScopeDownStatement: {
        ByteMatchStatement: {
          FieldToMatch: { UriPath: {} },
          PositionalConstraint: 'STARTS_WITH',
          SearchString: '/api/',
          TextTransformations: [{ Priority: 0, Type: 'NONE' }],
        },
      },
    });
    expect(distributionConfig(withWaf.template).WebACLId).toEqual({
      'Fn::GetAtt': [aclId, 'Arn'],
    });
  });

  it('refuses waf=true outside us-east-1, saying why', () => {
    let caught: unknown;
    try {
      synth({ ...BROWSER, waf: 'true' }, 'eu-west-1');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toMatch(/waf: .*only be created in us-east-1/);
  });
});
