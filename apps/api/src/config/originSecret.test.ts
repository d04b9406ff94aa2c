import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  type AwsJsonStandin,
  standinClientConfig,
  startAwsJsonStandin,
} from '@local-memory/testkit/aws-json-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { fixedOriginCheck, secretsManagerOriginCheck } from './originSecret.js';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:origin';

// Secrets Manager's JSON API on loopback: stages of one plain-string secret, or an outage.
const stages: Record<string, string | undefined> = {};
let down = false;
let reads = 0;
let standin: AwsJsonStandin;
let client: SecretsManagerClient;

beforeAll(async () => {
  standin = await startAwsJsonStandin(({ body }) => {
    reads++;
    const stage = typeof body.VersionStage === 'string' ? body.VersionStage : 'AWSCURRENT';
    const value = stages[stage];
    if (down) return { error: 'AccessDeniedException', message: 'denied' };
    if (value === undefined)
      return { error: 'ResourceNotFoundException', message: `no version with stage ${stage}` };
    return { body: { ARN, Name: 'origin', SecretString: value } };
  });
  client = new SecretsManagerClient(standinClientConfig(standin.endpoint, 'us-east-1'));
});
afterAll(async () => {
  client.destroy();
  await standin.close();
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
