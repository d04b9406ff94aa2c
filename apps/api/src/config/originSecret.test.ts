import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { fixedOriginCheck, secretsManagerOriginCheck } from './originSecret.js';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:origin';

// Secrets Manager's JSON API on loopback: stages of one plain-string secret, or an outage.
const stages: Record<string, string | undefined> = {};
let down = false;
let reads = 0;
let server: Server;
let client: SecretsManagerClient;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      reads++;
      const { VersionStage = 'AWSCURRENT' } = JSON.parse(Buffer.concat(chunks).toString()) as {
        VersionStage?: string;
      };
      const value = stages[VersionStage];
      if (down || value === undefined) {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(
          JSON.stringify({
            __type: down ? 'AccessDeniedException' : 'ResourceNotFoundException',
            message: down ? 'denied' : `no version with stage ${VersionStage}`,
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ ARN, Name: 'origin', SecretString: value }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new SecretsManagerClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'TEST', secretAccessKey: 'TEST' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the origin check', () => {
  it('a fixed secret: only the exact value passes', async () => {
    const check = fixedOriginCheck('fixed-origin-secret-value-0123456789abcdef');
    expect(await check.verify('fixed-origin-secret-value-0123456789abcdef')).toBe(true);
    for (const wrong of [undefined, '', 'fixed-origin-secret-value-0123456789abcde', 'x']) {
      expect(await check.verify(wrong)).toBe(false);
    }
  });

  it('Secrets Manager: accepts AWSCURRENT and AWSPREVIOUS, follows a rotation, keeps values through an outage', async () => {
    Object.assign(stages, { AWSCURRENT: 'origin-one', AWSPREVIOUS: undefined });
    down = false;
    let clock = 1_000_000;
    const errors: unknown[] = [];
    const check = secretsManagerOriginCheck({
      secretArn: ARN,
      client,
      now: () => clock,
      onRefreshError: (error) => errors.push(error),
    });
    await check.load();
    expect(await check.verify('origin-one')).toBe(true); // a secret never rotated has no previous
    // Rotated: CloudFront may send either value while the distribution updates.
    Object.assign(stages, { AWSCURRENT: 'origin-two', AWSPREVIOUS: 'origin-one' });
    reads = 0;
    expect(await check.verify('origin-two')).toBe(false); // read 0 s ago: no new read yet
    expect(reads).toBe(0);
    clock += 30_000;
    expect(await check.verify('origin-two')).toBe(true); // unknown value, 30 s passed: read again
    expect(await check.verify('origin-one')).toBe(true);
    expect(reads).toBe(2);
    for (let i = 0; i < 20; i++) expect(await check.verify(`forged-${i}`)).toBe(false);
    expect(reads).toBe(2); // forged values cannot make it hammer Secrets Manager
    // An outage at the periodic read keeps the values in use.
    down = true;
    clock += 300_000;
    expect(await check.verify('origin-two')).toBe(true);
    expect(errors).toHaveLength(1);
    down = false;
  });

  it('a secret that cannot be read at cold start is a configuration error', async () => {
    down = true;
    try {
      const check = secretsManagerOriginCheck({ secretArn: ARN, client });
      await expect(check.load()).rejects.toBeInstanceOf(ConfigError);
      await expect(check.load()).rejects.toThrow(
        /ORIGIN_VERIFY_SECRET_ARN: cannot read the secret/,
      );
    } finally {
      down = false;
    }
  });
});
