/**
 * Signing leases with node:crypto (Ed25519, a PKCS#8 key as `openssl genpkey -algorithm
 * ed25519` writes it). Node only: the product and the browser only ever verify.
 * @module
 */
import { createPrivateKey, KeyObject, sign } from 'node:crypto';
import { _utf8 } from '../_bytes.js';
import { _footerKid, _leaseClaims, type LeaseClaims } from '../_leaseClaims.js';
import { _describe, DownloadKeysRangeError, DownloadKeysTypeError } from '../errors.js';
import { _v4PublicPreAuth, _v4PublicToken } from '../pasetoV4Public.js';

/**
 * A private key: node:crypto's `KeyObject`, described by shape so that these type declarations
 * need no `@types/node` (a KeyObject is checked at run time).
 */
export interface PrivateKeyObject {
  readonly type: string;
  readonly asymmetricKeyType?: string | undefined;
}

/** Options of {@link signV4Public}. */
export interface SignV4PublicOptions {
  /** The footer (sent, authenticated); default none. */
  readonly footer?: string | Uint8Array;
  /** The implicit assertion (bound, never sent); default empty. */
  readonly implicit?: string | Uint8Array;
}

/** Options of {@link signLease}. */
export interface SignLeaseOptions {
  /** The key id written to the footer, `{"kid":"…"}`. */
  readonly kid: string;
  /** The implicit assertion; `local-memory` (LEASE_IMPLICIT) for Local Memory. */
  readonly implicit: string;
}

const bytesOf = (value: string | Uint8Array) => (typeof value === 'string' ? _utf8(value) : value);

function privateKeyOf(privateKey: PrivateKeyObject | string): KeyObject {
  let key: KeyObject;
  if (typeof privateKey === 'string') {
    try {
      key = createPrivateKey({ key: privateKey, format: 'pem' });
    } catch (error) {
      throw new DownloadKeysRangeError(
        'INVALID_PRIVATE_KEY',
        'privateKey',
        'privateKey is not a PEM private key (write one with `openssl genpkey -algorithm ed25519`)',
        { cause: error },
      );
    }
  } else if (privateKey instanceof KeyObject && privateKey.type === 'private') {
    key = privateKey;
  } else {
    throw new DownloadKeysTypeError(
      'INVALID_PRIVATE_KEY',
      'privateKey',
      `privateKey must be a PEM string or a private KeyObject, got ${_describe(privateKey)}`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new DownloadKeysRangeError(
      'INVALID_PRIVATE_KEY',
      'privateKey',
      `privateKey must be an Ed25519 key, got ${key.asymmetricKeyType ?? 'another kind'}`,
    );
  }
  return key;
}

/**
 * Sign a payload as a PASETO `v4.public` token (PASETO Version4.md, "Sign"). Ed25519 is
 * deterministic: the same key and inputs give the same token.
 * @param payload - the message (a lease's JSON)
 * @param privateKey - an Ed25519 private key: PKCS#8 PEM text or a KeyObject
 * @param options - footer and implicit assertion
 * @returns the token
 * @throws {DownloadKeysTypeError} INVALID_PRIVATE_KEY when privateKey is neither
 * @throws {DownloadKeysRangeError} INVALID_PRIVATE_KEY when it is not an Ed25519 private key
 * @example signV4Public('{"data":"x"}', pem, { footer: '{"kid":"k1"}', implicit: 'local-memory' })
 */
export function signV4Public(
  payload: string | Uint8Array,
  privateKey: PrivateKeyObject | string,
  options: SignV4PublicOptions = {},
): string {
  const key = privateKeyOf(privateKey);
  const message = bytesOf(payload);
  const footer = bytesOf(options.footer ?? '');
  const signature = sign(
    null,
    _v4PublicPreAuth(message, footer, bytesOf(options.implicit ?? '')),
    key,
  );
  return _v4PublicToken(message, new Uint8Array(signature), footer);
}

/** Signs the bytes it is given with Ed25519 (a KMS `Sign` call, an HSM, node:crypto). */
export type Ed25519Signer = (message: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/**
 * Sign any payload as a PASETO `v4.public` token with a key held elsewhere (see
 * {@link signLeaseWith}): for tokens that are not leases, such as a signed revocation list.
 * @param payload - the message
 * @param signer - signs a message with Ed25519
 * @param options - footer and implicit assertion
 * @returns the token
 * @throws {DownloadKeysRangeError} MALFORMED (argument `signature`) when the signer does not
 *   return 64 bytes
 * @example await signV4PublicWith('{"revoked":[]}', signer, { footer: '{"kid":"k1"}', implicit: 'local-memory' })
 */
export async function signV4PublicWith(
  payload: string | Uint8Array,
  signer: Ed25519Signer,
  options: SignV4PublicOptions = {},
): Promise<string> {
  const message = bytesOf(payload);
  const footer = bytesOf(options.footer ?? '');
  const signature = await signer(
    _v4PublicPreAuth(message, footer, bytesOf(options.implicit ?? '')),
  );
  if (!(signature instanceof Uint8Array) || signature.length !== 64) {
    throw new DownloadKeysRangeError(
      'MALFORMED',
      'signature',
      'the signer must return a 64-byte Ed25519 signature',
    );
  }
  return _v4PublicToken(message, signature, footer);
}

/** The checked claims and footer of a lease about to be signed. */
function leaseParts(
  claims: LeaseClaims,
  options: SignLeaseOptions,
): { payload: Uint8Array; footer: Uint8Array; implicit: Uint8Array } {
  let checked: LeaseClaims;
  let footer: string;
  try {
    checked = _leaseClaims(claims);
  } catch (error) {
    throw new DownloadKeysRangeError('MALFORMED', 'claims', (error as Error).message, {
      cause: error,
    });
  }
  try {
    footer = JSON.stringify({ kid: options?.kid });
    _footerKid(_utf8(footer));
  } catch (error) {
    throw new DownloadKeysRangeError('MALFORMED', 'kid', 'kid must be a non-empty string', {
      cause: error,
    });
  }
  if (typeof options.implicit !== 'string') {
    throw new DownloadKeysTypeError(
      'MALFORMED',
      'implicit',
      `implicit must be a string, got ${_describe(options.implicit)}`,
    );
  }
  return {
    payload: _utf8(JSON.stringify(checked)),
    footer: _utf8(footer),
    implicit: _utf8(options.implicit),
  };
}

/**
 * Sign a lease with a key held elsewhere (AWS KMS `ECC_NIST_EDWARDS25519`, an HSM): the signer
 * gets the exact bytes to sign (PAE of header, payload, footer, implicit) and returns the
 * 64-byte Ed25519 signature. Same checks and output as {@link signLease}.
 * @param claims - the lease's claims
 * @param signer - signs a message with Ed25519
 * @param options - the kid for the footer and the implicit assertion
 * @returns the lease token
 * @throws {DownloadKeysRangeError} MALFORMED for claims or a kid a verifier would refuse, or a
 *   signature that is not 64 bytes (argument `signature`)
 * @example await signLeaseWith(claims, (m) => kmsSign(m), { kid: 'lease-2026-01', implicit: 'local-memory' })
 */
export async function signLeaseWith(
  claims: LeaseClaims,
  signer: Ed25519Signer,
  options: SignLeaseOptions,
): Promise<string> {
  const { payload, footer, implicit } = leaseParts(claims, options);
  const signature = await signer(_v4PublicPreAuth(payload, footer, implicit));
  if (!(signature instanceof Uint8Array) || signature.length !== 64) {
    throw new DownloadKeysRangeError(
      'MALFORMED',
      'signature',
      'the signer must return a 64-byte Ed25519 signature',
    );
  }
  return _v4PublicToken(payload, signature, footer);
}

/**
 * Sign a lease. The claims are checked by the rules {@link verifyLease} applies (an invalid
 * lease is never issued) and written in the documented order.
 * @param claims - the lease's claims
 * @param privateKey - the signing key: PKCS#8 PEM text or a private KeyObject (Ed25519)
 * @param options - the kid for the footer and the implicit assertion
 * @returns the lease token
 * @throws {DownloadKeysRangeError} MALFORMED (argument `claims` or `kid`) for claims or a kid a
 *   verifier would refuse; INVALID_PRIVATE_KEY
 * @example signLease(claims, readFileSync('lease-key.pem', 'utf8'), { kid: 'lease-2026-01', implicit: 'local-memory' })
 */
export function signLease(
  claims: LeaseClaims,
  privateKey: PrivateKeyObject | string,
  options: SignLeaseOptions,
): string {
  const { payload, footer, implicit } = leaseParts(claims, options);
  return signV4Public(payload, privateKey, { footer, implicit });
}
