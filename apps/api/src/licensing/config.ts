/**
 * The licensing settings, read with the rest of the configuration (config.ts calls
 * {@link readLicensingConfig}) so that one error names every wrong variable.
 * @module
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DEFAULT_EDITION, EDITIONS, type EditionId } from '@local-memory/catalog';
import { wholeNumberInRange } from '../config/wholeNumber.js';
import { kmsSigner } from './kmsSigner.js';
import { type SecretFetcher, secretKeySigner, secretsManagerFetcher } from './secretSigner.js';
import { type LeaseSigner, loadLocalKeySigner, SigningKeyError } from './signer.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Validated licensing settings. */
export interface LicensingConfig {
  /**
   * The signer over the Ed25519 PKCS#8 PEM key in `LEASE_SIGNING_KEY_FILE`, the AWS KMS key
   * `LEASE_SIGNING_KMS_KEY_ID` (read with GetPublicKey at start), or the PEM key in the Secrets
   * Manager secret `LEASE_SIGNING_SECRET_ARN` (read at start); exactly one of them, or none, which
   * leaves the licensing routes answering 503 `licensing_unavailable` (license records are still
   * written at fulfilment).
   */
  readonly signer: LeaseSigner | undefined;
  /** The signing key's id, written in every token's footer (`LEASE_KID`, default `lease-1`). */
  readonly kid: string;
  /**
   * Machines per license of the default edition (`LICENSE_ACTIVATION_LIMIT`, default the
   * catalogue's limit, 3); other editions take the catalogue's limit ({@link activationLimitOf}).
   */
  readonly activationLimit: number;
  /**
   * Public keys that still verify leases presented for refresh after a rotation
   * (`LEASE_PREVIOUS_KEYS`: `kid=64 hex characters`, comma-separated).
   */
  readonly previousKeys: Readonly<Record<string, Uint8Array>>;
}

/** What {@link readLicensingConfig} reads secrets through; tests replace it. */
export interface LicensingReaders {
  /** Reads `LEASE_SIGNING_SECRET_ARN`; by default Secrets Manager in `AWS_REGION`. */
  readonly fetchSecret?: SecretFetcher;
}

const KID = /^[A-Za-z0-9._-]{1,64}$/;

/** The variables that each name a lease signing key; at most one may be set. */
const KEY_SOURCES = [
  'LEASE_SIGNING_KEY_FILE',
  'LEASE_SIGNING_KMS_KEY_ID',
  'LEASE_SIGNING_SECRET_ARN',
] as const;

/**
 * Read the licensing variables, adding one line per problem to `problems`.
 * @param readers - how secrets are read (tests)
 * @returns the settings (meaningless when problems were added)
 */
export async function readLicensingConfig(
  env: Env,
  problems: string[],
  readers: LicensingReaders = {},
): Promise<LicensingConfig> {
  const kid = env.LEASE_KID?.trim() || 'lease-1';
  if (!KID.test(kid)) {
    problems.push('LEASE_KID must be 1 to 64 letters, digits, ".", "_" or "-", e.g. lease-2026-01');
  }
  const editionLimit = EDITIONS[DEFAULT_EDITION].activationLimit;
  const activationLimit =
    wholeNumberInRange(env, 'LICENSE_ACTIVATION_LIMIT', editionLimit, problems, 1, 100) ??
    editionLimit;
  const previousKeys: Record<string, Uint8Array> = {};
  for (const entry of (env.LEASE_PREVIOUS_KEYS ?? '').split(',')) {
    if (entry.trim() === '') continue;
    const match = entry.trim().match(/^([A-Za-z0-9._-]{1,64})=([0-9a-f]{64})$/);
    if (!match) {
      problems.push(
        'LEASE_PREVIOUS_KEYS must be comma-separated kid=PUBLICKEY pairs, the public key as 64 lowercase hex characters',
      );
      break;
    }
    previousKeys[match[1] as string] = Uint8Array.from(Buffer.from(match[2] as string, 'hex'));
  }
  const file = env.LEASE_SIGNING_KEY_FILE?.trim();
  const kmsKeyId = env.LEASE_SIGNING_KMS_KEY_ID?.trim();
  const secretArn = env.LEASE_SIGNING_SECRET_ARN?.trim();
  const sources = KEY_SOURCES.filter((name) => env[name]?.trim());
  let signer: LeaseSigner | undefined;
  if (sources.length > 1) {
    // Never a silent choice between two keys: leases would carry one kid but either signature.
    problems.push(
      `${sources.join(' and ')} are ${sources.length === 2 ? 'both' : 'all'} set: the lease signing key comes from exactly one of ${KEY_SOURCES.join(', ')}; unset the others`,
    );
  } else if (secretArn) {
    const fetchSecret =
      readers.fetchSecret ??
      secretsManagerFetcher(
        new SecretsManagerClient({ region: env.AWS_REGION || 'us-east-1', maxAttempts: 3 }),
      );
    try {
      signer = await secretKeySigner(fetchSecret, secretArn, kid);
    } catch (error) {
      if (!(error instanceof SigningKeyError)) throw error;
      problems.push(`LEASE_SIGNING_SECRET_ARN: ${error.message}`);
    }
  } else if (kmsKeyId) {
    try {
      signer = await kmsSigner(
        new KMSClient({ region: env.AWS_REGION || 'us-east-1', maxAttempts: 3 }),
        kmsKeyId,
        kid,
      );
    } catch (error) {
      const kind = error instanceof Error ? error.message : String(error);
      problems.push(
        `LEASE_SIGNING_KMS_KEY_ID: the KMS key ${kmsKeyId} cannot be used to sign leases (${kind}); the API role needs kms:GetPublicKey and kms:Sign on an ECC_NIST_EDWARDS25519 key`,
      );
    }
  } else if (file) {
    try {
      signer = await loadLocalKeySigner(file, kid);
    } catch (error) {
      if (!(error instanceof SigningKeyError)) throw error;
      problems.push(
        error.message.startsWith('LEASE_SIGNING_KEY_FILE')
          ? error.message
          : `LEASE_SIGNING_KEY_FILE: ${error.message}`,
      );
    }
  }
  return {
    signer,
    kid,
    activationLimit,
    previousKeys,
  };
}

/**
 * The machines a new license of `edition` may activate.
 * @param config - the licensing settings (`LICENSE_ACTIVATION_LIMIT` for the default edition)
 * @param edition - the edition sold
 * @returns the limit written into the license record
 */
export function activationLimitOf(
  config: Pick<LicensingConfig, 'activationLimit'>,
  edition: EditionId,
): number {
  const catalogueLimit = EDITIONS[edition].activationLimit;
  return edition === DEFAULT_EDITION ? config.activationLimit : catalogueLimit;
}

/** The rate limits of the licensing routes (ledger counters, shared by every instance). */
export interface LicenseLimitRules {
  /** Activate, refresh and deactivate requests per client address (60 per 10 minutes). */
  readonly perClient: { readonly name: string; readonly limit: number; readonly windowMs: number };
  /** Activate and deactivate requests per license key (30 per hour). */
  readonly perKey: { readonly name: string; readonly limit: number; readonly windowMs: number };
}

/** The default licensing limits. */
export const DEFAULT_LICENSE_LIMIT_RULES: LicenseLimitRules = {
  perClient: { name: 'license-client', limit: 60, windowMs: 600_000 },
  perKey: { name: 'license-key', limit: 30, windowMs: 3_600_000 },
};
