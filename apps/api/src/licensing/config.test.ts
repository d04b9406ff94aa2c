// The licensing variables: each wrong one named, the signing key from exactly one source, and the
// Secrets Manager key read through an injected fetcher (no network; the SDK path is covered in
// secretSigner.test.ts against a loopback Secrets Manager).
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readLicensingConfig } from './config.js';
import type { SecretFetcher } from './secretSigner.js';
import { rawPublicKey } from './signer.js';

const ARN = 'arn:aws:secretsmanager:eu-south-2:123456789012:secret:lease-signing-AbCdEf';
const ed25519 = generateKeyPairSync('ed25519');
const ED25519_PEM = ed25519.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const RSA_PEM = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

/** A fetcher answering from memory, recording what it was asked for. */
function fetcher(answer: () => string | undefined): SecretFetcher & { reads: string[][] } {
  const reads: string[][] = [];
  return Object.assign(
    async (secretId: string, versionStage: string) => {
      reads.push([secretId, versionStage]);
      return answer();
    },
    { reads },
  );
}

/** A fetcher failing like the SDK does, with the AWS error's name. */
const failing = (name: string): SecretFetcher =>
  fetcher(() => {
    throw Object.assign(new Error(`${name} from the stand-in`), { name });
  });

async function problemsOf(env: Record<string, string>, fetchSecret?: SecretFetcher) {
  const problems: string[] = [];
  const config = await readLicensingConfig(env, problems, fetchSecret ? { fetchSecret } : {});
  return { problems, config };
}

describe('readLicensingConfig', () => {
  it('names every wrong variable and never echoes the key', async () => {
    const { problems } = await problemsOf({
      LICENSE_ACTIVATION_LIMIT: '0',
      LEASE_KID: 'bad kid',
      LEASE_PREVIOUS_KEYS: 'k=zz',
      LEASE_SIGNING_KEY_FILE: '/nonexistent/lease-key.pem',
    });
    expect(problems).toHaveLength(4);
    for (const name of ['LICENSE_ACTIVATION_LIMIT', 'LEASE_KID', 'LEASE_PREVIOUS_KEYS']) {
      expect(problems.some((p) => p.startsWith(name))).toBe(true);
    }
    expect(problems.some((p) => p.startsWith('LEASE_SIGNING_KEY_FILE: cannot read'))).toBe(true);
    const defaults = await readLicensingConfig({}, []);
    expect(defaults).toMatchObject({ activationLimit: 3, kid: 'lease-1', signer: undefined });
  });

  it('signs with the PEM key held in the Secrets Manager secret', async () => {
    const read = fetcher(() => `${ED25519_PEM}\n`);
    const { problems, config } = await problemsOf(
      { LEASE_SIGNING_SECRET_ARN: ` ${ARN} `, LEASE_KID: 'lease-2026-12' },
      read,
    );
    expect(problems).toEqual([]);
    expect(read.reads).toEqual([[ARN, 'lease-2026-12']]); // the version labelled with the kid
    expect(config.signer?.kid).toBe('lease-2026-12');
    expect(config.signer?.publicKey).toEqual(rawPublicKey(ed25519.privateKey));
  });

  it('refuses two key sources, naming both, and reads neither', async () => {
    for (const [env, named] of [
      [
        { LEASE_SIGNING_KMS_KEY_ID: 'alias/lease', LEASE_SIGNING_SECRET_ARN: ARN },
        'LEASE_SIGNING_KMS_KEY_ID and LEASE_SIGNING_SECRET_ARN are both set',
      ],
      [
        { LEASE_SIGNING_KEY_FILE: '/k.pem', LEASE_SIGNING_SECRET_ARN: ARN },
        'LEASE_SIGNING_KEY_FILE and LEASE_SIGNING_SECRET_ARN are both set',
      ],
      [
        { LEASE_SIGNING_KEY_FILE: '/k.pem', LEASE_SIGNING_KMS_KEY_ID: 'alias/lease' },
        'LEASE_SIGNING_KEY_FILE and LEASE_SIGNING_KMS_KEY_ID are both set',
      ],
    ] as const) {
      const read = fetcher(() => ED25519_PEM);
      const { problems, config } = await problemsOf(env, read);
      expect(problems).toEqual([
        `${named}: the lease signing key comes from exactly one of LEASE_SIGNING_KEY_FILE, LEASE_SIGNING_KMS_KEY_ID, LEASE_SIGNING_SECRET_ARN; unset the others`,
      ]);
      expect(read.reads).toEqual([]);
      expect(config.signer).toBeUndefined();
    }
  });

  it('refuses a secret that holds no Ed25519 private key, without echoing it', async () => {
    const cases: [SecretFetcher, RegExp][] = [
      [fetcher(() => RSA_PEM), /must be Ed25519, got rsa/],
      [
        fetcher(() => ed25519.publicKey.export({ format: 'pem', type: 'spki' }).toString()),
        /not a PEM private key/,
      ],
      [fetcher(() => JSON.stringify({ key: ED25519_PEM })), /holds JSON.*PEM text itself/],
      [fetcher(() => undefined), /holds no text; put the PEM text/],
      [fetcher(() => 'rR4nd0mPlaceholderFromCloudFormation01'), /"lease-1" holds no PEM text/],
      [
        fetcher(() => '-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n'),
        /not a PEM private key/,
      ],
      [
        failing('ResourceNotFoundException'),
        /no version labelled "lease-1" \(LEASE_KID\).*put-secret-value .*--version-stages lease-1/,
      ],
      [failing('AccessDeniedException'), /cannot read the secret \(AccessDeniedException\)/],
    ];
    for (const [read, reason] of cases) {
      const { problems, config } = await problemsOf({ LEASE_SIGNING_SECRET_ARN: ARN }, read);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^LEASE_SIGNING_SECRET_ARN: /);
      expect(problems[0]).toMatch(reason);
      expect(problems[0]).not.toContain('PRIVATE KEY');
      expect(problems[0]).not.toContain('PUBLIC KEY');
      expect(config.signer).toBeUndefined();
    }
  });
});
