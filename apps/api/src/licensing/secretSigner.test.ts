// The Secrets Manager signer against a stand-in at the network boundary: an HTTP server speaking
// Secrets Manager's JSON protocol (secretsmanager.GetSecretValue) that holds PEM keys as versions
// labelled with their kids; the real SDK talks to it. A lease it signs must verify with the
// library's verifyLease.
import { generateKeyPairSync } from 'node:crypto';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  type AwsJsonStandin,
  standinClientConfig,
  startAwsJsonStandin,
} from '@local-memory/testkit/aws-json-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaseRoundTrip } from '../testing/leaseRoundTrip.js';
import { secretKeySigner, secretsManagerFetcher } from './secretSigner.js';
import { rawPublicKey } from './signer.js';

const ARN = 'arn:aws:secretsmanager:eu-south-2:123456789012:secret:lease-signing-AbCdEf';
const { privateKey } = generateKeyPairSync('ed25519');
const next = generateKeyPairSync('ed25519').privateKey;
const stranger = generateKeyPairSync('ed25519').privateKey;
const pem = (key: typeof privateKey) => key.export({ format: 'pem', type: 'pkcs8' }).toString();
/** Staging label → value: CloudFormation's placeholder, the current key, the next one. */
const versions: Record<string, string> = {
  AWSCURRENT: 'rR4nd0mPlaceholderFromCloudFormation01',
  'secret-1': pem(privateKey),
  'secret-2': pem(next),
};
let standin: AwsJsonStandin;
let client: SecretsManagerClient;

beforeAll(async () => {
  standin = await startAwsJsonStandin(({ target, body }) => {
    const stage = String(body.VersionStage ?? 'AWSCURRENT');
    const value = versions[stage];
    if (target === 'secretsmanager.GetSecretValue' && body.SecretId === ARN && value) {
      return { body: { ARN, Name: 'lease-signing', SecretString: value, VersionStages: [stage] } };
    }
    return {
      error: 'ResourceNotFoundException',
      message: `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
    };
  });
  client = new SecretsManagerClient(standinClientConfig(standin.endpoint, 'eu-south-2'));
});
afterAll(async () => {
  client.destroy();
  await standin.close();
});

describe('secretKeySigner', () => {
  it('signs leases with the key read from Secrets Manager that verify with verifyLease', async () => {
    const signer = await secretKeySigner(secretsManagerFetcher(client), ARN, 'secret-1');
    expect(standin.requests).toEqual([
      {
        target: 'secretsmanager.GetSecretValue',
        body: { SecretId: ARN, VersionStage: 'secret-1' },
      },
    ]);
    expect(signer.publicKey).toEqual(rawPublicKey(privateKey));
    const { claims, now } = await leaseRoundTrip(signer, 'lic_secret');
    expect(claims).toMatchObject({ sub: 'lic_secret', iat: now, max: 3 });
    // The round trip can fail: the same lease against another key is a bad signature.
    await expect(
      leaseRoundTrip(signer, 'lic_secret', rawPublicKey(stranger)),
    ).rejects.toMatchObject({ code: 'BAD_SIGNATURE' });
  });

  it('reads the key of its own kid: the next key, put ahead of the switch, changes nothing', async () => {
    const current = await secretKeySigner(secretsManagerFetcher(client), ARN, 'secret-1');
    const switched = await secretKeySigner(secretsManagerFetcher(client), ARN, 'secret-2');
    expect(current.publicKey).toEqual(rawPublicKey(privateKey));
    expect(switched.publicKey).toEqual(rawPublicKey(next));
  });

  it('names a kid the secret has no version of, and what to put', async () => {
    await expect(
      secretKeySigner(secretsManagerFetcher(client), ARN, 'secret-3'),
    ).rejects.toMatchObject({
      code: 'INVALID_SIGNING_KEY',
      message: expect.stringMatching(
        /^the secret has no version labelled "secret-3" \(LEASE_KID\).*--version-stages secret-3/,
      ),
    });
  });
});
