import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { EDITIONS } from '@local-memory/catalog';
import {
  type AwsJsonStandin,
  standinClientConfig,
  startAwsJsonStandin,
} from '@local-memory/testkit/aws-json-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeAppSecrets } from './appSecrets.js';
import { ConfigError, type Env, loadConfig } from './config.js';

const PRICE_VARIABLES = Object.values(EDITIONS).map((edition) => edition.price.variable);

const GOOD: Env = {
  STRIPE_SECRET_KEY: 'sk_test_TESTONLYconfigSuiteKey0000000000',
  STRIPE_WEBHOOK_SECRET: 'whsec_TEST-ONLY-config-suite-secret-000000',
  ...Object.fromEntries(PRICE_VARIABLES.map((name, i) => [name, `price_testOnlyConfig${i}`])),
  DOWNLOAD_SECRET: 'E2E-TEST-ONLY-config-suite-download-secret-0000',
  SITE_URL: 'https://localmemory.test/',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  MAIL_FROM: 'Local Memory <orders@localmemory.test>',
  SUPPORT_EMAIL: 'support@localmemory.test',
  LEDGER_TABLE: 'ledger',
  S3_BUCKET: 'downloads-bucket',
};

async function problemsOf(env: Env): Promise<readonly string[]> {
  try {
    await loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads a complete configuration', async () => {
    const config = await loadConfig({ ...GOOD, STRIPE_API_BASE: 'http://127.0.0.1:12111' });
    expect(config.siteUrl).toBe('https://localmemory.test');
    expect(config.stripeEndpoint).toEqual({ protocol: 'http', host: '127.0.0.1', port: 12111 });
    expect(config.downloads).toEqual({
      kind: 's3',
      bucket: 'downloads-bucket',
      prefix: 'downloads',
      endpoint: undefined,
    });
    expect(config.stripeTimeoutMs).toBe(8000);
    expect(config.requireTermsConsent).toBe(false);
  });

  it('names every missing variable in one error', async () => {
    const problems = await problemsOf({});
    for (const name of [
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
      ...PRICE_VARIABLES,
      'DOWNLOAD_SECRET',
      'SITE_URL',
      'SMTP_URL',
      'MAIL_FROM',
      'SUPPORT_EMAIL',
      'LEDGER_TABLE',
      'S3_BUCKET',
    ]) {
      expect(
        problems.some((p) => p.startsWith(name)),
        name,
      ).toBe(true);
    }
    expect(problems).toHaveLength(9 + PRICE_VARIABLES.length);
  });

  it('names every wrong value and never echoes a secret', async () => {
    const wrong: Env = {
      ...GOOD,
      STRIPE_SECRET_KEY: 'pk_test_publishableKeyByMistake',
      STRIPE_WEBHOOK_SECRET: 'not-a-webhook-secret',
      STRIPE_PRICE_ID: 'prod_123',
      DOWNLOAD_SECRET: 'too-short-secret',
      SITE_URL: 'localmemory.test',
      SMTP_URL: 'http://mail',
      SUPPORT_EMAIL: 'support',
      STRIPE_API_BASE: 'ftp://x',
      STRIPE_TIMEOUT_MS: '-1',
      CHECKOUT_TERMS_CONSENT: 'yes',
    };
    let message = '';
    try {
      await loadConfig(wrong);
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of [
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
      'STRIPE_PRICE_ID',
      'DOWNLOAD_SECRET',
      'SITE_URL',
      'SMTP_URL',
      'SUPPORT_EMAIL',
      'STRIPE_API_BASE',
      'STRIPE_TIMEOUT_MS',
      'CHECKOUT_TERMS_CONSENT',
    ]) {
      expect(message, name).toContain(name);
    }
    expect(message).toContain('at least 32');
    for (const secret of [
      'pk_test_publishableKeyByMistake',
      'not-a-webhook-secret',
      'too-short-secret',
    ]) {
      expect(message).not.toContain(secret);
    }
  });

  it('reads the rate limits and the optional origin secret, and names wrong ones without echoing the secret', async () => {
    const config = await loadConfig(GOOD);
    expect(config).toMatchObject({
      resendRateLimit: 10,
      lookupRateLimit: 120,
      checkoutRateLimit: 30,
      originVerifySecret: undefined,
    });
    const secret = 'origin-verify-secret-for-the-config-suite-01';
    expect((await loadConfig({ ...GOOD, ORIGIN_VERIFY_SECRET: secret })).originVerifySecret).toBe(
      secret,
    );
    const problems = await problemsOf({
      ...GOOD,
      RESEND_RATE_LIMIT: 'many',
      LOOKUP_RATE_LIMIT: '0',
      ORIGIN_VERIFY_SECRET: 'short secret',
    });
    expect(problems.join('\n')).toMatch(/RESEND_RATE_LIMIT/);
    expect(problems.join('\n')).toMatch(/LOOKUP_RATE_LIMIT/);
    expect(problems.join('\n')).toMatch(/ORIGIN_VERIFY_SECRET must be at least 32/);
    expect(problems.join('\n')).not.toContain('short secret');
  });

  it('reads the account settings: off without a link key, the key from a value or a file, never echoed', async () => {
    const off = await loadConfig(GOOD);
    expect(off).toMatchObject({
      accountLinkSecret: undefined,
      accountRateLimit: 20,
      accountLinkAddressLimit: 5,
    });
    const key = 'TEST-ONLY-account-link-key-for-the-config-suite-0';
    expect((await loadConfig({ ...GOOD, ACCOUNT_LINK_SECRET: key })).accountLinkSecret).toBe(key);
    const dir = mkdtempSync(join(tmpdir(), 'lm-api-account-key-'));
    try {
      const file = join(dir, 'account-link-secret');
      writeFileSync(file, `${key}\n`, { mode: 0o600 });
      const fromFile = await loadConfig({ ...GOOD, ACCOUNT_LINK_SECRET_FILE: file });
      expect(fromFile.accountLinkSecret).toBe(key);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const problems = (
      await problemsOf({
        ...GOOD,
        ACCOUNT_LINK_SECRET: 'too-short-account-key',
        ACCOUNT_RATE_LIMIT: '0',
        ACCOUNT_LINK_ADDRESS_LIMIT: 'lots',
      })
    ).join('\n');
    expect(problems).toMatch(/ACCOUNT_LINK_SECRET must be at least 32/);
    expect(problems).toMatch(/ACCOUNT_RATE_LIMIT/);
    expect(problems).toMatch(/ACCOUNT_LINK_ADDRESS_LIMIT/);
    expect(problems).not.toContain('too-short-account-key');
  });

  it('reads the checkout tax switches: off by default, "on" or "off", anything else named', async () => {
    expect((await loadConfig(GOOD)).checkoutTax).toEqual({
      automaticTax: false,
      taxIdCollection: false,
      invoiceCreation: false,
    });
    const on = await loadConfig({
      ...GOOD,
      CHECKOUT_AUTOMATIC_TAX: 'on',
      CHECKOUT_TAX_ID_COLLECTION: 'on',
      CHECKOUT_INVOICE: 'off',
    });
    expect(on.checkoutTax).toEqual({
      automaticTax: true,
      taxIdCollection: true,
      invoiceCreation: false,
    });
    const problems = await problemsOf({
      ...GOOD,
      CHECKOUT_AUTOMATIC_TAX: 'yes',
      CHECKOUT_INVOICE: '1',
    });
    expect(problems).toEqual([
      'CHECKOUT_AUTOMATIC_TAX must be "on" or "off" (default off), got "yes"',
      'CHECKOUT_INVOICE must be "on" or "off" (default off), got "1"',
    ]);
  });

  it('refuses a KMS key and a Secrets Manager key together, without reading the secret', async () => {
    const reads: string[] = [];
    const env = {
      ...GOOD,
      LEASE_SIGNING_KMS_KEY_ID: 'alias/lease-signing',
      LEASE_SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:eu-south-2:123456789012:secret:lease-Ab12',
    };
    const error = await loadConfig(env, {
      fetchSecret: async (id) => {
        reads.push(id);
        return undefined;
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^LEASE_SIGNING_KMS_KEY_ID and LEASE_SIGNING_SECRET_ARN are both set/),
    ]);
    expect(reads).toEqual([]);
  });

  describe('secrets from files', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'lm-api-config-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads *_FILE variables, dropping one trailing newline', async () => {
      const secrets = [
        'STRIPE_SECRET_KEY',
        'STRIPE_WEBHOOK_SECRET',
        'DOWNLOAD_SECRET',
        'SMTP_URL',
      ] as const;
      const files: Record<string, string> = {};
      for (const name of secrets) {
        const file = join(dir, name);
        writeFileSync(file, `${GOOD[name]}\n`);
        files[`${name}_FILE`] = file;
      }
      const env = { ...GOOD, ...files };
      for (const name of secrets) delete (env as Record<string, string | undefined>)[name];
      const config = await loadConfig(env);
      expect(config.stripeSecretKey).toBe(GOOD.STRIPE_SECRET_KEY);
      expect(config.downloadSecret).toBe(GOOD.DOWNLOAD_SECRET);
      expect(config.smtpUrl).toBe(GOOD.SMTP_URL);
    });

    it('names an unreadable file', async () => {
      const { DOWNLOAD_SECRET: _, ...withoutSecret } = GOOD;
      const problems = await problemsOf({
        ...withoutSecret,
        DOWNLOAD_SECRET_FILE: join(dir, 'missing'),
      });
      expect(problems).toEqual([
        expect.stringMatching(/^DOWNLOAD_SECRET_FILE: cannot read .*ENOENT/),
      ]);
    });

    it('refuses DOWNLOAD_SECRET and DOWNLOAD_SECRET_FILE together, as the library and both CLIs do', async () => {
      const file = join(dir, 'other-download-secret');
      writeFileSync(file, 'E2E-TEST-ONLY-a-different-download-secret-00000\n');
      const problems = await problemsOf({ ...GOOD, DOWNLOAD_SECRET_FILE: file });
      expect(problems).toEqual([
        expect.stringMatching(
          /^DOWNLOAD_SECRET: both DOWNLOAD_SECRET and DOWNLOAD_SECRET_FILE are set/,
        ),
      ]);
      expect(problems.join('\n')).not.toContain(GOOD.DOWNLOAD_SECRET);
    });

    it('reads DOWNLOAD_SECRET_FILE by the library rule: not UTF-8 is refused', async () => {
      const file = join(dir, 'latin1-secret');
      writeFileSync(
        file,
        Buffer.from('E2E-TEST-ONLY-caf\xe9-download-secret-0000000000', 'latin1'),
      );
      const { DOWNLOAD_SECRET: _, ...withoutSecret } = GOOD;
      const problems = await problemsOf({ ...withoutSecret, DOWNLOAD_SECRET_FILE: file });
      expect(problems).toEqual([expect.stringMatching(/^DOWNLOAD_SECRET_FILE: .*not valid UTF-8/)]);
    });
  });
});

describe('mergeAppSecrets (Secrets Manager, read at cold start)', () => {
  let standin: AwsJsonStandin;
  let secretString = '';
  beforeAll(async () => {
    standin = await startAwsJsonStandin(({ target, body }) =>
      target === 'secretsmanager.GetSecretValue'
        ? { body: { ARN: body.SecretId, Name: 'app', SecretString: secretString } }
        : { error: 'UnknownOperationException', message: `not a Secrets Manager read: ${target}` },
    );
  });
  afterAll(() => standin.close());

  const client = () => new SecretsManagerClient(standinClientConfig(standin.endpoint, 'us-east-1'));

  it('leaves the environment alone without APP_SECRETS_ARN', async () => {
    const before = standin.requests.length;
    expect(await mergeAppSecrets(GOOD, client())).toBe(GOOD);
    expect(standin.requests.length).toBe(before);
  });

  it('merges the secret JSON over the environment, then validates', async () => {
    secretString = JSON.stringify({
      STRIPE_SECRET_KEY: 'sk_live_TESTONLYfromSecretsManager000',
      DOWNLOAD_SECRET: 'E2E-TEST-ONLY-from-secrets-manager-0000000',
    });
    const env = {
      ...GOOD,
      APP_SECRETS_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app',
    };
    const config = await loadConfig(await mergeAppSecrets(env, client()));
    expect(config.stripeSecretKey).toBe('sk_live_TESTONLYfromSecretsManager000');
    expect(config.downloadSecret).toBe('E2E-TEST-ONLY-from-secrets-manager-0000000');
    expect(config.smtpUrl).toBe(GOOD.SMTP_URL);
  });

  it('refuses a secret that is not a JSON object', async () => {
    secretString = 'sk_live_plain';
    await expect(mergeAppSecrets({ ...GOOD, APP_SECRETS_ARN: 'arn:x' }, client())).rejects.toThrow(
      /APP_SECRETS_ARN: the secret must be a JSON object/,
    );
  });
});
