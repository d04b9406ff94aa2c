// The KMS signer against a stand-in at the network boundary: an HTTP server speaking KMS's JSON
// protocol (TrentService.GetPublicKey / Sign), holding an Ed25519 key; the real SDK talks to it.
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import {
  type AwsJsonStandin,
  standinClientConfig,
  startAwsJsonStandin,
} from '@local-memory/testkit/aws-json-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaseRoundTrip } from '../testing/leaseRoundTrip.js';
import { kmsSigner } from './kmsSigner.js';

const { privateKey } = generateKeyPairSync('ed25519');
let standin: AwsJsonStandin;
let client: KMSClient;

beforeAll(async () => {
  standin = await startAwsJsonStandin(({ target, body }) => {
    if (target === 'TrentService.GetPublicKey') {
      const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
      return {
        body: {
          KeyId: body.KeyId,
          KeySpec: 'ECC_NIST_EDWARDS25519',
          KeyUsage: 'SIGN_VERIFY',
          PublicKey: der.toString('base64'),
          SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'],
        },
      };
    }
    if (target === 'TrentService.Sign' && body.SigningAlgorithm === 'ED25519_SHA_512') {
      const signature = sign(null, Buffer.from(body.Message as string, 'base64'), privateKey);
      return {
        body: {
          KeyId: body.KeyId,
          Signature: signature.toString('base64'),
          SigningAlgorithm: 'ED25519_SHA_512',
        },
      };
    }
    return { error: 'ValidationException', message: 'unexpected request' };
  });
  client = new KMSClient(standinClientConfig(standin.endpoint, 'eu-west-1'));
});
afterAll(async () => {
  client.destroy();
  await standin.close();
});
describe('kmsSigner', () => {
  it('signs leases through KMS Sign (RAW, ED25519_SHA_512) that verify with the key from GetPublicKey', async () => {
    const signer = await kmsSigner(client, 'alias/lease-signing', 'kms-1');
    const { claims } = await leaseRoundTrip(signer, 'lic_test');
    expect(claims.sub).toBe('lic_test');
    const signCall = standin.requests.find((r) => r.target === 'TrentService.Sign');
    expect(signCall?.body).toMatchObject({
      KeyId: 'alias/lease-signing',
      MessageType: 'RAW',
      SigningAlgorithm: 'ED25519_SHA_512',
    });
    await expect(signer.sign(new Uint8Array(4097))).rejects.toMatchObject({
      code: 'INVALID_SIGNING_KEY',
    });
  });
});
