// The KMS signer against a stand-in at the network boundary: an HTTP server speaking KMS's JSON
// protocol (TrentService.GetPublicKey / Sign), holding an Ed25519 key; the real SDK talks to it.
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KMSClient } from '@aws-sdk/client-kms';
import { LEASE_IMPLICIT, machineId, verifyLease } from '@local-memory/download-keys/lease';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kmsSigner } from './kmsSigner.js';
import { issueLease } from './leases.js';

const { privateKey } = generateKeyPairSync('ed25519');
const requests: { target: string; body: Record<string, unknown> }[] = [];
const server = createServer((req, res) => {
  let text = '';
  req.on('data', (c) => {
    text += c;
  });
  req.on('end', () => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const body = JSON.parse(text) as Record<string, string>;
    requests.push({ target, body });
    res.setHeader('content-type', 'application/x-amz-json-1.1');
    if (target === 'TrentService.GetPublicKey') {
      const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
      res.end(
        JSON.stringify({
          KeyId: body.KeyId,
          KeySpec: 'ECC_NIST_EDWARDS25519',
          KeyUsage: 'SIGN_VERIFY',
          PublicKey: der.toString('base64'),
          SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'],
        }),
      );
      return;
    }
    if (target === 'TrentService.Sign' && body.SigningAlgorithm === 'ED25519_SHA_512') {
      const signature = sign(null, Buffer.from(body.Message as string, 'base64'), privateKey);
      res.end(
        JSON.stringify({
          KeyId: body.KeyId,
          Signature: signature.toString('base64'),
          SigningAlgorithm: 'ED25519_SHA_512',
        }),
      );
      return;
    }
    res.statusCode = 400;
    res.end(JSON.stringify({ __type: 'ValidationException', message: 'unexpected request' }));
  });
});
let client: KMSClient;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new KMSClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'TEST', secretAccessKey: 'TEST' },
  });
});
afterAll(async () => {
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('kmsSigner', () => {
  it('signs leases through KMS Sign (RAW, ED25519_SHA_512) that verify with the key from GetPublicKey', async () => {
    const signer = await kmsSigner(client, 'alias/lease-signing', 'kms-1');
    const now = 1_767_225_600;
    const { lease } = await issueLease(
      signer,
      'https://shop.test.invalid',
      { licenseId: 'lic_test', edition: 'standard', limit: 3, machine: machineId('kms') },
      now,
    );
    const claims = verifyLease(
      lease,
      { 'kms-1': signer.publicKey },
      {
        now: now + 1,
        implicit: LEASE_IMPLICIT,
      },
    );
    expect(claims.sub).toBe('lic_test');
    const signCall = requests.find((r) => r.target === 'TrentService.Sign');
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
