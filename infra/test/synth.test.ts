/**
 * The synthesised templates of both fulfilment modes, checked with aws-cdk-lib/assertions, and
 * cdk-nag's AwsSolutions pack run as CDK validation (it fails the synth on any finding that is
 * not acknowledged with a reason in lib/nag-suppressions.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EDITIONS } from '@local-memory/catalog';
import { headersForClass, SITE_CSP, SUCCESS_CSP } from '@local-memory/site-policy';
import { type Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../lib/app';
import { ConfigError, parseConfig, priceContextKey } from '../lib/config';
import {
  apiEntry,
  BROWSER,
  distributionConfig,
  type Json,
  resources,
  SCRIPT_HASH,
  SERVER,
  STYLE_HASH,
  type Synth,
  synth,
} from './synth-helpers';

const MANAGED = {
  CachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  CachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  AllViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
};

let browser: Synth;
let server: Synth;

beforeAll(() => {
  browser = synth(BROWSER);
  server = synth(SERVER);
  // Figures for the report: how long a synth takes and how big the template is.
  console.warn(
    `synth: browser ${Math.round(browser.ms)} ms, ${browser.bytes} bytes; server ${Math.round(server.ms)} ms, ${server.bytes} bytes`,
  );
});
const modes = () =>
  [
    ['browser', browser],
    ['server', server],
  ] as const;

/** A page policy with the build's hashes last in style-src and script-src, as site-policy adds them. */
const withHashes = (csp: string) =>
  csp
    .replace(/(style-src [^;]*)/, `$1 '${STYLE_HASH}'`)
    .replace(/(script-src [^;]*)/, `$1 '${SCRIPT_HASH}'`);

describe.each(['browser', 'server'] as const)('%s fulfilment', (mode) => {
  const t = () => (mode === 'browser' ? browser : server).template;

  it('has no public bucket: every created bucket blocks all public access', () => {
    const buckets = resources(t(), 'AWS::S3::Bucket');
    // Site (+ downloads when created here) + access logs.
    expect(buckets.length).toBe(mode === 'browser' ? 3 : 2);
    for (const bucket of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
    const content = buckets.filter((b) => b.Properties.VersioningConfiguration !== undefined);
    expect(content.length).toBe(buckets.length - 1);
    for (const bucket of content) {
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    }
  });

  it('allows bucket access to CloudFront only (by distribution) and denies plain HTTP', () => {
    const policies = resources(t(), 'AWS::S3::BucketPolicy');
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      const statements: Json[] = policy.Properties.PolicyDocument.Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
      for (const statement of statements.filter((s) => s.Effect === 'Allow')) {
        expect(statement.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
        expect(statement.Condition.StringEquals['AWS:SourceArn']).toBeDefined();
      }
    }
  });

  it('reaches every S3 origin through origin access control, none through a public endpoint', () => {
    const origins: Json[] = distributionConfig(t()).Origins;
    const s3Origins = origins.filter((o) => o.S3OriginConfig !== undefined);
    expect(s3Origins.length).toBe(2);
    for (const origin of s3Origins) {
      expect(origin.OriginAccessControlId).toBeDefined();
      expect(origin.S3OriginConfig.OriginAccessIdentity).toBe('');
      expect(JSON.stringify(origin.DomainName)).not.toMatch(/s3-website/);
    }
    t().resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
  });

  it('sends the exact CSP and headers of site-policy for each behaviour', () => {
    const config = distributionConfig(t());
    const policies: Json = t().findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const policyOf = (behaviour: Json) =>
      policies[behaviour.ResponseHeadersPolicyId.Ref].Properties.ResponseHeadersPolicyConfig;
    const withHash = (csp: string) => withHashes(csp);
    const site = policyOf(config.DefaultCacheBehavior);
    expect(site.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toBe(
      withHash(SITE_CSP),
    );
    const success = policyOf(config.CacheBehaviors.find((b: Json) => b.PathPattern === '/success'));
    expect(success.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toBe(
      withHash(SUCCESS_CSP),
    );
    expect(success.SecurityHeadersConfig.ReferrerPolicy.ReferrerPolicy).toBe('no-referrer');
    expect(success.SecurityHeadersConfig.StrictTransportSecurity).toEqual({
      AccessControlMaxAgeSec: 63072000,
      IncludeSubdomains: true,
      Preload: true,
      Override: true,
    });
    const custom = Object.fromEntries(
      success.CustomHeadersConfig.Items.map((h: Json) => [h.Header, h.Value]),
    );
    const expected = headersForClass('success', {
      mode,
      styleHashes: [STYLE_HASH],
      scriptHashes: [SCRIPT_HASH],
    });
    expect(custom).toEqual({
      'Permissions-Policy': expected['Permissions-Policy'],
      'Cache-Control': 'no-cache',
      'X-Robots-Tag': 'noindex, nofollow',
    });
  });

  it('sends /account the first-party-only policy: its own CSP, no Referer, noindex', () => {
    const config = distributionConfig(t());
    const policies: Json = t().findResources('AWS::CloudFront::ResponseHeadersPolicy');
    for (const pattern of ['/account', '/account/']) {
      const behaviour = config.CacheBehaviors.find((b: Json) => b.PathPattern === pattern);
      const policy =
        policies[behaviour.ResponseHeadersPolicyId.Ref].Properties.ResponseHeadersPolicyConfig;
      expect(policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toBe(
        withHashes(SUCCESS_CSP),
      );
      expect(policy.SecurityHeadersConfig.ReferrerPolicy.ReferrerPolicy).toBe('no-referrer');
      const custom = Object.fromEntries(
        policy.CustomHeadersConfig.Items.map((h: Json) => [h.Header, h.Value]),
      );
      expect(custom['X-Robots-Tag']).toBe('noindex, nofollow');
      expect(custom['Cache-Control']).toBe('no-cache');
      // The routing function maps it to its document, as on every page.
      expect(behaviour.FunctionAssociations).toEqual(
        config.DefaultCacheBehavior.FunctionAssociations,
      );
    }
  });

  it('has the behaviours and cache policies: HTML short, assets a year, /api never cached', () => {
    const config = distributionConfig(t());
    const byPattern = Object.fromEntries(
      config.CacheBehaviors.map((b: Json) => [b.PathPattern, b]),
    );
    expect(Object.keys(byPattern).sort()).toEqual(
      [
        '/api/*',
        '/assets/*',
        '/downloads/*',
        '/success',
        '/success/',
        '/account',
        '/account/',
      ].sort(),
    );
    expect(byPattern['/assets/*'].CachePolicyId).toBe(MANAGED.CachingOptimized);
    expect(byPattern['/downloads/*'].CachePolicyId).toBe(MANAGED.CachingOptimized);
    expect(byPattern['/api/*'].CachePolicyId).toBe(MANAGED.CachingDisabled);
    const html = (t().findResources('AWS::CloudFront::CachePolicy') as Json)[
      config.DefaultCacheBehavior.CachePolicyId.Ref
    ].Properties.CachePolicyConfig;
    expect(html.DefaultTTL).toBe(300);
    expect(html.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig).toEqual({
      QueryStringBehavior: 'none',
    });
    expect(byPattern['/success'].CachePolicyId).toEqual(config.DefaultCacheBehavior.CachePolicyId);
    expect(byPattern['/account'].CachePolicyId).toEqual(config.DefaultCacheBehavior.CachePolicyId);
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(['redirect-to-https', 'https-only']).toContain(b.ViewerProtocolPolicy);
    }
    // Never a distribution-wide error rewrite: it would turn expired downloads and API errors
    // into HTML pages.
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.DefaultRootObject).toBe('index.html');
  });

  it('routes clean paths with the routing function on request and response', () => {
    const config = distributionConfig(t());
    const functions: Json = t().findResources('AWS::CloudFront::Function');
    const code = (association: Json) =>
      functions[association.FunctionARN['Fn::GetAtt'][0]].Properties;
    const associations: Json[] = config.DefaultCacheBehavior.FunctionAssociations;
    expect(associations.map((a) => a.EventType).sort()).toEqual([
      'viewer-request',
      'viewer-response',
    ]);
    for (const a of associations) {
      expect(code(a).FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
      expect(code(a).FunctionCode).toBe(
        readFileSync(join(import.meta.dirname, '../lib/functions/site-routing.js'), 'utf8'),
      );
    }
    const downloads = config.CacheBehaviors.find((b: Json) => b.PathPattern === '/downloads/*');
    expect(code(downloads.FunctionAssociations[0]).FunctionCode).toMatch(/KEPT_WINDOWS = 4/);
  });

  it('gives GitHub two roles with no * action and resources scoped to their job', () => {
    const roles = t().findResources('AWS::IAM::Role', {
      Properties: {
        AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRoleWithWebIdentity' }] },
      },
    });
    expect(Object.keys(roles)).toHaveLength(2);
    const subs = Object.values(roles).map(
      (r: Json) =>
        r.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals[
          'token.actions.githubusercontent.com:sub'
        ],
    );
    expect(subs.sort()).toEqual([
      'repo:acme/storefront:environment:downloads',
      'repo:acme/storefront:environment:production',
    ]);
    const policies = resources(t(), 'AWS::IAM::Policy');
    const policyFor = (roleId: string) =>
      policies.find((p) => p.Properties.Roles.some((r: Json) => r.Ref === roleId));
    const releaseId = Object.keys(roles).find((id) => id.startsWith('GithubReleaseRole')) ?? '';
    const deployId = Object.keys(roles).find((id) => id.startsWith('GithubDeployRole')) ?? '';
    const release: Json[] = policyFor(releaseId).Properties.PolicyDocument.Statement;
    const deploy: Json[] = policyFor(deployId).Properties.PolicyDocument.Statement;
    for (const statement of [...release, ...deploy]) {
      for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
      expect(statement.Effect).toBe('Allow');
      expect(JSON.stringify(statement.Resource)).not.toBe('"*"');
    }
    const releaseResources = release.map((s) => JSON.stringify(s.Resource));
    expect(releaseResources).toHaveLength(2);
    expect(releaseResources[1]).toContain('/downloads/*');
    if (mode === 'server') {
      // The imported bucket's ARN is literal: only the prefix is writable.
      expect(release[1].Resource).toEqual(
        expect.objectContaining({
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':s3:::local-memory-secure-downloads/downloads/*'],
          ],
        }),
      );
    }
    expect(release[0].Condition.StringLike['s3:prefix']).toEqual(['downloads/*', 'downloads']);
    expect(release.flatMap((s) => [s.Action].flat()).sort()).toEqual(
      [
        's3:AbortMultipartUpload',
        's3:DeleteObject',
        's3:GetObject',
        's3:ListBucket',
        's3:PutObject',
      ].sort(),
    );
    const cfn = deploy.find((s) => s.Sid === 'ChangeThisStackOnly');
    expect(JSON.stringify(cfn.Resource)).toContain(':stack/LocalMemoryStorefront/*');
    const passRole = deploy.find((s) => s.Sid === 'PassTheCdkExecutionRole');
    expect(passRole.Condition.StringEquals['iam:PassedToService']).toBe(
      'cloudformation.amazonaws.com',
    );
    const invalidate = deploy.find((s) => s.Sid === 'InvalidateTheSite');
    expect(JSON.stringify(invalidate.Resource)).toContain(':distribution/');
    // The deploy releases every CloudFront Function of the stack, and nothing more of them.
    const edge = deploy.find((s) => s.Sid === 'ReleaseTheEdgeFunctions');
    const functionIds = Object.keys(t().findResources('AWS::CloudFront::Function'));
    expect(functionIds).toHaveLength(mode === 'browser' ? 3 : 2);
    expect(edge.Resource.map((r: Json) => r['Fn::GetAtt'])).toEqual(
      functionIds.map((id) => [id, 'FunctionARN']),
    );
    // Nothing in the deploy role reaches the downloads bucket (the download-links function is
    // the only Downloads resource it names).
    const others = deploy.filter((s) => s.Sid !== 'ReleaseTheEdgeFunctions');
    expect(JSON.stringify(others)).not.toMatch(/Downloads|secure-downloads/);
    expect(JSON.stringify(edge)).not.toMatch(/DownloadsBucket|secure-downloads/);
  });
});

describe('server fulfilment: the API', () => {
  it('runs the API on Node.js 24, arm64, with its own log retention and secrets ARN', () => {
    server.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Environment: {
        Variables: Match.objectLike({
          APP_SECRETS_ARN: { Ref: Match.stringLikeRegexp('^ApiSecrets') },
          LEDGER_TABLE: { Ref: Match.stringLikeRegexp('^ApiLedger') },
          S3_BUCKET: 'local-memory-secure-downloads',
          S3_PREFIX: 'downloads',
          SITE_URL: 'https://shop.example.com',
        }),
      },
    });
    server.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    // The secret exists but holds no value from code.
    const secret = resources(server.template, 'AWS::SecretsManager::Secret')[0];
    expect(secret.Properties.SecretString).toBeUndefined();
  });

  it("puts each edition's price context value in the API's environment under the edition's variable", () => {
    const fn = resources(server.template, 'AWS::Lambda::Function').find(
      (f) => f.Properties.Environment?.Variables?.SITE_URL !== undefined,
    );
    const variables = fn?.Properties.Environment.Variables as Record<string, unknown>;
    for (const edition of Object.values(EDITIONS)) {
      expect(variables[edition.price.variable], edition.id).toBe(SERVER[priceContextKey(edition)]);
    }
    expect(priceContextKey(EDITIONS.standard)).toBe('stripePriceId');
  });

  it('keeps its ledger on demand with point-in-time recovery', () => {
    server.template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      // The API's ledger (Powertools idempotency): key `id`, expiry `expiration`.
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
  });

  it('forwards everything to the Function URL behind /api/*, uncached', () => {
    const config = distributionConfig(server.template);
    const api = config.CacheBehaviors.find((b: Json) => b.PathPattern === '/api/*');
    expect(api.AllowedMethods).toEqual(
      expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
    );
    expect(api.OriginRequestPolicyId).toBe(MANAGED.AllViewerExceptHostHeader);
    const origin = config.Origins.find((o: Json) => o.Id === api.TargetOriginId);
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    expect(api.FunctionAssociations).toBeUndefined();
  });

  it('lets the Lambda read only the downloads prefix, the ledger and its secret; no * action', () => {
    const policies = resources(server.template, 'AWS::IAM::Policy').filter((p) =>
      p.Properties.Roles.some((r: Json) => r.Ref.startsWith('ApiRole')),
    );
    const statements: Json[] = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).toContain('s3:GetObject');
    expect(actions.filter((a: string) => a.startsWith('s3:'))).toEqual(['s3:GetObject']);
    for (const action of actions) expect(action).not.toMatch(/^[a-z0-9]+:\*$|^\*$/);
    server.template.resourcePropertiesCountIs(
      'AWS::IAM::Role',
      { ManagedPolicyArns: Match.anyValue() },
      0,
    );
  });

  it('signs leases with an Ed25519 KMS key that only the API role may use', () => {
    const keys = resources(server.template, 'AWS::KMS::Key').filter(
      (k) => k.Properties.KeySpec === 'ECC_NIST_EDWARDS25519',
    );
    expect(keys).toHaveLength(1);
    expect(keys[0]?.Properties.KeyUsage).toBe('SIGN_VERIFY');
    expect(keys[0]?.DeletionPolicy).toBe('Retain');
    const [fn] = resources(server.template, 'AWS::Lambda::Function').filter(
      (f) => f.Properties.Environment?.Variables?.LEASE_SIGNING_KMS_KEY_ID,
    );
    expect(fn?.Properties.Environment.Variables.LEASE_KID).toBe('lease-1');
    expect(fn?.Properties.Environment.Variables.LEASE_SIGNING_SECRET_ARN).toBeUndefined();
    expect(fn?.Properties.Environment.Variables.LEASE_PREVIOUS_KEYS).toBeUndefined();
    const keyRef = fn?.Properties.Environment.Variables.LEASE_SIGNING_KMS_KEY_ID['Fn::GetAtt'][0];
    const signers = resources(server.template, 'AWS::IAM::Policy').filter((p) =>
      p.Properties.PolicyDocument.Statement.some(
        (st: Json) =>
          [st.Action].flat().includes('kms:Sign') && JSON.stringify(st.Resource).includes(keyRef),
      ),
    );
    expect(signers).toHaveLength(1);
    expect(signers[0]?.Properties.Roles.every((r: Json) => r.Ref.startsWith('ApiRole'))).toBe(true);
  });

  it('serves the apex and www. under the one certificate', () => {
    expect(distributionConfig(server.template).Aliases).toEqual([
      'shop.example.com',
      'www.shop.example.com',
    ]);
  });

  it('uses TLS 1.2 on the custom domain', () => {
    expect(distributionConfig(server.template).ViewerCertificate).toEqual(
      expect.objectContaining({
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      }),
    );
  });
});

describe('browser fulfilment: no API', () => {
  it('has no API Lambda or table, and answers /api/* with the edge time function', () => {
    // The one function is the download-window check; the one secret its download secret.
    const functions = resources(browser.template, 'AWS::Lambda::Function');
    expect(functions.map((f) => f.Properties.Description)).toEqual([
      'Local Memory: are the current and next download windows complete?',
    ]);
    browser.template.resourceCountIs('AWS::Lambda::Url', 0);
    browser.template.resourceCountIs('AWS::DynamoDB::Table', 0);
    browser.template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const config = distributionConfig(browser.template);
    const api = config.CacheBehaviors.find((b: Json) => b.PathPattern === '/api/*');
    expect(api.CachePolicyId).toBe(MANAGED.CachingDisabled);
    const fn = (browser.template.findResources('AWS::CloudFront::Function') as Json)[
      api.FunctionAssociations[0].FunctionARN['Fn::GetAtt'][0]
    ];
    expect(fn.Properties.FunctionCode).toMatch(/unixSeconds: nowMs \/ 1000/);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes both modes, each acknowledged finding carrying its reason', () => {
    // The synths in beforeAll would have thrown on any unacknowledged finding.
    for (const [mode, result] of modes()) {
      const acknowledged = result.stack.node
        .findAll()
        .flatMap((c) =>
          c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY),
        )
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason })),
        );
      expect(acknowledged.length, mode).toBeGreaterThanOrEqual(mode === 'browser' ? 9 : 9);
      for (const { id, reason } of acknowledged) {
        expect(id).toMatch(/^AwsSolutions::AwsSolutions-/);
        expect(reason.length, id).toBeGreaterThan(40);
      }
      // No wholesale IAM5 acknowledgement: wildcard findings are acknowledged one resource at a time.
      expect(acknowledged.map((a) => a.id)).not.toContain('AwsSolutions::AwsSolutions-IAM5');
    }
  });

  it('fails the synth on a finding nobody acknowledged', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'infra-nag-'));
    try {
      const { app, stack } = buildApp({ context: BROWSER, outdir, apiEntry });
      // A bucket without TLS enforcement or logging: AwsSolutions-S1 and S10.
      new s3.Bucket(stack as Stack, 'Careless', {
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      });
      expect(() => app.synth()).toThrow(/AwsSolutions|[Vv]alidation/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('configuration', () => {
  it('names every wrong key and what to set', () => {
    let caught: unknown;
    try {
      parseConfig({
        fulfilment: 'server',
        githubRepository: 'nope',
        certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    for (const key of [
      'githubRepository',
      'domainName',
      'certificateArn',
      ...Object.values(EDITIONS).map(priceContextKey),
      'mailFrom',
      'supportEmail',
    ]) {
      expect(problems).toContain(`${key}`);
    }
    expect(problems).toMatch(/us-east-1/);
  });

  it('requires operatorEmail and checks the new settings, naming each', () => {
    let caught: unknown;
    try {
      parseConfig({
        githubRepository: 'acme/storefront',
        wwwAlias: 'yes',
        waf: 'on',
        apiReservedConcurrency: '0',
        accessLogRetentionDays: '-1',
        originVerifySecretVersion: 'v1',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    for (const key of [
      'operatorEmail',
      'wwwAlias',
      'waf',
      'apiReservedConcurrency',
      'accessLogRetentionDays',
      'originVerifySecretVersion',
    ]) {
      expect(problems).toContain(`${key}:`);
    }
    expect(() => parseConfig({ ...BROWSER, wwwAlias: 'true' })).toThrow(
      /wwwAlias: needs domainName/,
    );
    const defaults = parseConfig(BROWSER);
    expect(defaults).toEqual(
      expect.objectContaining({
        apiReservedConcurrency: 20,
        accessLogRetentionDays: 30,
        waf: false,
        wafApiRateLimit: 300,
        wwwAlias: false,
        downloadsBucket: { mode: 'create' },
        githubOidcProvider: { mode: 'create' },
      }),
    );
  });

  it('rejects an unknown fulfilment mode', () => {
    expect(() => parseConfig({ fulfilment: 'edge', githubRepository: 'a/b' })).toThrow(
      /fulfilment/,
    );
  });
});
