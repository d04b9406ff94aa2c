/**
 * A {@link LeaseSigner} over an Ed25519 key kept in AWS Secrets Manager
 * (`LEASE_SIGNING_SECRET_ARN`), for deployments whose Region offers no Ed25519 keys in KMS. The
 * value is the PKCS#8 PEM text itself (`openssl genpkey -algorithm ed25519`), read once at start
 * from the secret's version whose staging label is the kid (`LEASE_KID`): the kid picks the key,
 * so putting the next key (labelled with the next kid) never changes what a running or starting
 * API signs with until a deploy switches `LEASE_KID`. Only the API's role may read the secret
 * (infra/lib/constructs/api.ts). Unlike KMS, the private key is in the function's memory.
 * @module
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type LeaseSigner, localKeySigner, SigningKeyError } from './signer.js';

/**
 * Reads the string value of a secret's version by staging label (undefined when it holds binary
 * data). Tests pass one that answers from memory; the Lambda uses {@link secretsManagerFetcher}.
 */
export type SecretFetcher = (secretId: string, versionStage: string) => Promise<string | undefined>;

/** A {@link SecretFetcher} over Secrets Manager's `GetSecretValue`. */
export function secretsManagerFetcher(client: SecretsManagerClient): SecretFetcher {
  return async (secretId, versionStage) =>
    (
      await client.send(
        new GetSecretValueCommand({ SecretId: secretId, VersionStage: versionStage }),
      )
    ).SecretString;
}

const putTheKey = (kid: string) =>
  `put the PEM text with \`aws secretsmanager put-secret-value --secret-string file://lease-key.pem --version-stages ${kid}\` (docs/operations.md, "Lease signing keys")`;

/**
 * Read the PEM key labelled `kid` from the secret and sign with it.
 * @param fetchSecret - reads a version of the secret
 * @param secretId - the secret's ARN (or name)
 * @param kid - the key id written in tokens, and the staging label of the version to read
 * @throws {SigningKeyError} when the secret cannot be read, has no version labelled `kid`, or
 *   holds anything but an Ed25519 private key; the message never contains the secret's value
 */
export async function secretKeySigner(
  fetchSecret: SecretFetcher,
  secretId: string,
  kid: string,
): Promise<LeaseSigner> {
  let pem: string | undefined;
  try {
    pem = await fetchSecret(secretId, kid);
  } catch (error) {
    const name = (error as Error).name || 'error';
    throw new SigningKeyError(
      name === 'ResourceNotFoundException'
        ? `the secret has no version labelled "${kid}" (LEASE_KID), or does not exist; ${putTheKey(kid)}`
        : `cannot read the secret (${name}); check the ARN and that the function may call secretsmanager:GetSecretValue on it`,
      { cause: error },
    );
  }
  if (pem === undefined || pem.trim() === '') {
    throw new SigningKeyError(`the version labelled "${kid}" holds no text; ${putTheKey(kid)}`);
  }
  if (pem.trimStart().startsWith('{')) {
    throw new SigningKeyError(
      `the version labelled "${kid}" holds JSON, but its value must be the PEM text itself; ${putTheKey(kid)}`,
    );
  }
  if (!pem.includes('-----BEGIN ')) {
    throw new SigningKeyError(`the version labelled "${kid}" holds no PEM text; ${putTheKey(kid)}`);
  }
  return localKeySigner(pem, kid);
}
