/**
 * Who signs leases and revocation lists: a {@link LeaseSigner} names its key (`kid`) and signs the
 * exact bytes PASETO v4.public signs (PAE). The local implementation holds an Ed25519 PKCS#8 PEM
 * key read from `LEASE_SIGNING_KEY_FILE`; the key never reaches argv or a log. A KMS-held key
 * would implement the same interface (not built yet: see the README).
 * @module
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ApiError } from '../errors.js';

/** Signs with one Ed25519 key. */
export interface LeaseSigner {
  /** The key id written to every token's footer. */
  readonly kid: string;
  /** The 32-byte Ed25519 public key, published in the keyset. */
  readonly publicKey: Uint8Array;
  /** The 64-byte Ed25519 signature of `message`. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** Why a signing key cannot be used; the message names the variable, never the key. */
export class SigningKeyError extends ApiError<'INVALID_SIGNING_KEY'> {
  override readonly name: string = 'SigningKeyError';
  /**
   * @param message - what is wrong with the key and what to do, never the key itself
   * @param options - the error this one explains
   */
  constructor(message: string, options?: ErrorOptions) {
    super('INVALID_SIGNING_KEY', message, options);
  }
}

/** The raw 32-byte public key of an Ed25519 key (the last 32 bytes of its SPKI DER). */
export function rawPublicKey(key: KeyObject): Uint8Array {
  const der = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(der.length - 32));
}

/**
 * A signer over a private key held in this process.
 * @param pem - PKCS#8 PEM text of an Ed25519 key (`openssl genpkey -algorithm ed25519`)
 * @param kid - the key id
 * @throws {SigningKeyError} when the text is not an Ed25519 private key
 */
export function localKeySigner(pem: string, kid: string): LeaseSigner {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new SigningKeyError(
      'the lease signing key is not a PEM private key; write one with `openssl genpkey -algorithm ed25519`',
      { cause: error },
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(
      `the lease signing key must be Ed25519, got ${key.asymmetricKeyType ?? 'another kind'}`,
    );
  }
  const publicKey = rawPublicKey(key);
  return {
    kid,
    publicKey,
    sign: (message) => Promise.resolve(new Uint8Array(sign(null, message, key))),
  };
}

/**
 * Read the signing key file named by `LEASE_SIGNING_KEY_FILE`.
 * @throws {SigningKeyError} when the file cannot be read or holds no Ed25519 key
 */
export async function loadLocalKeySigner(file: string, kid: string): Promise<LeaseSigner> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new SigningKeyError(
      `LEASE_SIGNING_KEY_FILE: cannot read ${file} (${code}); check the path and permissions`,
      { cause: error },
    );
  }
  return localKeySigner(pem, kid);
}
