/**
 * Create or import, for the downloads bucket and GitHub's OIDC provider: the mode is its own
 * explicit value, a bare name or ARN is refused, and no switch between the modes can delete a
 * bucket policy or the provider (same logical ids, retained, the same statements in both modes).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../lib/config';
import { BROWSER, type Json, resourcesById, type Synth, synth } from './synth-helpers';

const BUCKET = 'local-memory-secure-downloads';
const PROVIDER_ARN = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

/** The logical ids of deployed stacks: changing one would replace (delete) the resource. */
const DOWNLOADS_POLICY_ID = 'DownloadsBucketPolicy271BC9F8';
const PROVIDER_ID = 'GithubProvider4A78AD48';

let created: Synth;
let imported: Synth;
beforeAll(() => {
  created = synth(BROWSER);
  imported = synth({
    ...BROWSER,
    downloadsBucket: `import:${BUCKET}`,
    githubOidcProvider: { mode: 'import', arn: PROVIDER_ARN },
  });
});

const downloadsPolicy = (s: Synth): [string, Json] => {
  const entries = Object.entries(resourcesById(s.template, 'AWS::S3::BucketPolicy')).filter(
    ([id]) => id.startsWith('Downloads'),
  );
  expect(entries).toHaveLength(1);
  return entries[0] as [string, Json];
};

/**
 * The policy's statements with references resolved as CloudFormation would for this bucket: the
 * created bucket's ARN and the imported one's literal ARN both become `arn:aws:s3:::BUCKET`.
 */
function normalised(s: Synth, policy: Json): Json {
  const bucketIds = Object.keys(resourcesById(s.template, 'AWS::S3::Bucket'));
  const resolve = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(resolve);
    if (node === null || typeof node !== 'object') return node;
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt) && bucketIds.includes(getAtt[0]) && getAtt[1] === 'Arn') {
      return `arn:aws:s3:::${BUCKET}`;
    }
    if (node.Ref === 'AWS::Partition') return 'aws';
    const join = node['Fn::Join'];
    if (Array.isArray(join) && join[0] === '') {
      const parts = resolve(join[1]);
      if (parts.every((p: Json) => typeof p === 'string')) return parts.join('');
      return { 'Fn::Join': ['', parts] };
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v)]));
  };
  return resolve(policy.Properties.PolicyDocument.Statement);
}

describe('the downloads bucket', () => {
  it('keeps its policy under the same logical id in both modes, retained on removal', () => {
    for (const s of [created, imported]) {
      const [id, policy] = downloadsPolicy(s);
      expect(id).toBe(DOWNLOADS_POLICY_ID);
      expect(policy.DeletionPolicy).toBe('Retain');
      expect(policy.UpdateReplacePolicy).toBe('Retain');
    }
    expect(downloadsPolicy(imported)[1].Properties.Bucket).toBe(BUCKET);
  });

  it('grants the same access in both modes: TLS only, CloudFront of this distribution reads', () => {
    const [, createdPolicy] = downloadsPolicy(created);
    const [, importedPolicy] = downloadsPolicy(imported);
    expect(normalised(imported, importedPolicy)).toEqual(normalised(created, createdPolicy));
    const statements: Json[] = importedPolicy.Properties.PolicyDocument.Statement;
    expect(statements.map((s) => s.Effect).sort()).toEqual(['Allow', 'Deny']);
    const allow = statements.find((s) => s.Effect === 'Allow');
    expect(allow.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(allow.Action).toBe('s3:GetObject');
    expect(JSON.stringify(allow.Condition)).toContain('SiteDistribution');
  });

  it('retains a created bucket (it outlives the stack and a switch to import)', () => {
    const bucket = Object.entries(resourcesById(created.template, 'AWS::S3::Bucket')).find(([id]) =>
      id.startsWith('DownloadsBucket'),
    ) as [string, Json];
    expect(bucket[1].DeletionPolicy).toBe('Retain');
    expect(
      Object.keys(resourcesById(imported.template, 'AWS::S3::Bucket')).some((id) =>
        id.startsWith('DownloadsBucket'),
      ),
    ).toBe(false);
  });
});

describe("GitHub's OIDC provider", () => {
  it('is created under a fixed logical id and retained, so switching to import keeps it', () => {
    const providers = resourcesById(created.template, 'AWS::IAM::OIDCProvider');
    expect(Object.keys(providers)).toEqual([PROVIDER_ID]);
    expect(providers[PROVIDER_ID].DeletionPolicy).toBe('Retain');
    expect(providers[PROVIDER_ID].UpdateReplacePolicy).toBe('Retain');
  });

  it('is referenced, not created, in import mode', () => {
    expect(resourcesById(imported.template, 'AWS::IAM::OIDCProvider')).toEqual({});
    const roles = Object.values(resourcesById(imported.template, 'AWS::IAM::Role')).filter(
      (r: Json) =>
        r.Properties.AssumeRolePolicyDocument.Statement[0].Action ===
        'sts:AssumeRoleWithWebIdentity',
    );
    expect(roles).toHaveLength(2);
    for (const role of roles) {
      expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({
        Federated: PROVIDER_ARN,
      });
    }
  });
});

describe('the choice is explicit', () => {
  const problems = (raw: Record<string, unknown>): string => {
    try {
      parseConfig({ ...BROWSER, ...raw });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.join('\n');
      throw error;
    }
    return '';
  };

  it('refuses the retired keys that used to switch to import by merely being set', () => {
    expect(problems({ downloadsBucketName: BUCKET })).toMatch(
      /downloadsBucketName no longer imports.*downloadsBucket=import:NAME/,
    );
    expect(problems({ githubOidcProviderArn: PROVIDER_ARN })).toMatch(
      /githubOidcProviderArn no longer imports.*githubOidcProvider=import:ARN/,
    );
    // Empty, as a workflow passes an unset variable: nothing to refuse.
    expect(problems({ downloadsBucketName: '', githubOidcProviderArn: '' })).toBe('');
  });

  it('takes create (the default), import:VALUE or the JSON form, and nothing else', () => {
    expect(parseConfig(BROWSER).downloadsBucket).toEqual({ mode: 'create' });
    expect(parseConfig({ ...BROWSER, downloadsBucket: 'create' }).downloadsBucket).toEqual({
      mode: 'create',
    });
    expect(
      parseConfig({ ...BROWSER, downloadsBucket: `{"mode":"import","name":"${BUCKET}"}` })
        .downloadsBucket,
    ).toEqual({ mode: 'import', name: BUCKET });
    expect(
      parseConfig({ ...BROWSER, githubOidcProvider: `import:${PROVIDER_ARN}` }).githubOidcProvider,
    ).toEqual({ mode: 'import', arn: PROVIDER_ARN });
    expect(problems({ downloadsBucket: BUCKET })).toMatch(/downloadsBucket: "create".*import:NAME/);
    expect(problems({ downloadsBucket: 'import:' })).toMatch(/downloadsBucket/);
    expect(problems({ downloadsBucket: { mode: 'create', name: BUCKET } })).toMatch(
      /downloadsBucket/,
    );
    expect(problems({ githubOidcProvider: 'import:arn:aws:iam::1:oidc-provider/x' })).toMatch(
      /githubOidcProvider/,
    );
  });
});
