/**
 * The lease signing key's two backends: `kms` (default; synth.test.ts checks the key) and
 * `secret`, for Regions whose KMS has no Ed25519 keys: a retained Secrets Manager secret holding
 * the PEM key that no principal but the API's role may read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../lib/config';
import { type Json, resources, SERVER, type Synth, synth } from './synth-helpers';

let secret: Synth;
let secretId: string;
/** Retired keys whose leases still refresh, as the operator sets them during a rotation. */
const PREVIOUS = `lease-0=${'ab'.repeat(32)},lease-00=${'01'.repeat(32)}`;

beforeAll(() => {
  secret = synth({ ...SERVER, leaseSigning: 'secret', leasePreviousKeys: PREVIOUS });
  const found = Object.entries(
    secret.template.findResources('AWS::SecretsManager::Secret') as Record<string, Json>,
  ).filter(([, r]) => String(r.Properties.Description).includes('signs license leases'));
  expect(found).toHaveLength(1);
  secretId = (found[0] as [string, Json])[0];
});

/** Every IAM statement in the template, with the roles (or users, groups) it is attached to. */
function statements(template: Synth['template']): { owners: string[]; statement: Json }[] {
  const out: { owners: string[]; statement: Json }[] = [];
  const refs = (list: Json[] | undefined) => (list ?? []).map((r: Json) => JSON.stringify(r));
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const policy of resources(template, type)) {
      const p = policy.Properties;
      const owners = [...refs(p.Roles), ...refs(p.Users), ...refs(p.Groups)];
      for (const statement of p.PolicyDocument.Statement) out.push({ owners, statement });
    }
  }
  for (const [id, role] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    for (const inline of (role as Json).Properties.Policies ?? []) {
      for (const statement of inline.PolicyDocument.Statement) {
        out.push({ owners: [JSON.stringify({ Ref: id })], statement });
      }
    }
  }
  return out;
}

const READS = /^(\*|secretsmanager:\*|secretsmanager:Get\*|secretsmanager:GetSecretValue)$/;

describe('leaseSigning=secret', () => {
  it('keeps the key in a retained secret with no value in the template, and makes no Ed25519 KMS key', () => {
    const resource: Json = secret.template.findResources('AWS::SecretsManager::Secret')[secretId];
    expect(resource.DeletionPolicy).toBe('Retain');
    // No value in the template: CloudFormation fills AWSCURRENT with a random placeholder; the
    // API reads only the version labelled with the kid, which the operator puts.
    expect(resource.Properties.SecretString).toBeUndefined();
    expect(resource.Properties.GenerateSecretString).toEqual({});
    const ed25519 = resources(secret.template, 'AWS::KMS::Key').filter(
      (k) => k.Properties.KeySpec === 'ECC_NIST_EDWARDS25519',
    );
    expect(ed25519).toEqual([]);
  });

  it('names the secret to the API, and no KMS key', () => {
    const [fn] = resources(secret.template, 'AWS::Lambda::Function').filter(
      (f) => f.Properties.Environment?.Variables?.LEASE_KID,
    );
    const variables = fn?.Properties.Environment.Variables;
    expect(variables.LEASE_SIGNING_SECRET_ARN).toEqual({ Ref: secretId });
    expect(variables.LEASE_SIGNING_KMS_KEY_ID).toBeUndefined();
    expect(variables.LEASE_KID).toBe('lease-1');
  });

  it('lets the API role read the secret, and no other principal', () => {
    const readers = statements(secret.template).filter(
      ({ statement }) =>
        statement.Effect === 'Allow' &&
        [statement.Action].flat().some((a: string) => READS.test(a)) &&
        [statement.Resource]
          .flat()
          .some((r: Json) => r === '*' || JSON.stringify(r).includes(`"${secretId}"`)),
    );
    expect(readers).toHaveLength(1);
    expect(readers[0]?.owners).toEqual([JSON.stringify({ Ref: apiRoleId() })]);
    // An admin allowed GetSecretValue on * is refused by the secret's own policy.
    const [policy] = resources(secret.template, 'AWS::SecretsManager::ResourcePolicy').filter(
      (p) => p.Properties.SecretId.Ref === secretId,
    );
    expect(policy?.Properties.ResourcePolicy.Statement).toEqual([
      {
        Sid: 'OnlyTheApiReadsTheLeaseSigningKey',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
        Condition: {
          ArnNotEquals: {
            'aws:PrincipalArn': { 'Fn::GetAtt': [apiRoleId(), 'Arn'] },
          },
        },
      },
    ]);
  });

  it('outputs the secret ARN, where the operator puts the key', () => {
    expect(
      secret.template.findOutputs('LeaseSigningSecretArn').LeaseSigningSecretArn?.Value,
    ).toEqual({ Ref: secretId });
  });
});

/** The logical id of the API's role. */
function apiRoleId(): string {
  const ids = Object.keys(secret.template.findResources('AWS::IAM::Role')).filter((id) =>
    /^ApiRole[0-9A-F]+$/.test(id),
  );
  expect(ids).toHaveLength(1);
  return ids[0] as string;
}

describe('leasePreviousKeys', () => {
  it('passes retired public keys to the API as LEASE_PREVIOUS_KEYS; none by default', () => {
    expect(parseConfig(SERVER).leasePreviousKeys).toBe('');
    const [fn] = resources(secret.template, 'AWS::Lambda::Function').filter(
      (f) => f.Properties.Environment?.Variables?.LEASE_KID,
    );
    expect(fn?.Properties.Environment.Variables.LEASE_PREVIOUS_KEYS).toBe(PREVIOUS);
  });

  it('names a malformed list', () => {
    for (const wrong of ['lease-1=AB', `lease-1=${'AB'.repeat(32)}`, `${'ab'.repeat(32)}`]) {
      expect(() => parseConfig({ ...SERVER, leasePreviousKeys: wrong }), wrong).toThrow(
        /leasePreviousKeys: comma-separated kid=PUBLICKEY pairs/,
      );
    }
  });
});

describe('the leaseSigning key', () => {
  it('is kms unless set, and names anything but kms or secret', () => {
    expect(parseConfig(SERVER).leaseSigning).toBe('kms');
    expect(parseConfig({ ...SERVER, leaseSigning: 'secret' }).leaseSigning).toBe('secret');
    let caught: unknown;
    try {
      parseConfig({ ...SERVER, leaseSigning: 'file' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      expect.stringMatching(/^leaseSigning: "kms" .* or "secret" .*got "file"$/),
    ]);
  });
});
