/**
 * Lease verification on node:crypto's Ed25519 (OpenSSL), for Node callers (the licensing API,
 * the CLI): the same checks, errors and answers as `verifyLease` and `verifyV4Public` of
 * `./lease`, about ten times faster. Each public key is checked by the library's own rules
 * once (canonical encoding, not of small order) and kept as a `KeyObject`; OpenSSL then does
 * what `_ed25519.ts` does (S below L, `[S]B - [k]A` encoded equal to R).
 * WebCrypto's Ed25519 would do as well but only asynchronously; these stay synchronous, like
 * the isomorphic ones.
 * @module
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { _isCanonicalScalar, _publicKeyPoint } from '../_ed25519.js';
import type { LeaseClaims } from '../_leaseClaims.js';
import { _verifyLeaseWith, type LeaseKeyset, type VerifyLeaseOptions } from '../_leaseVerify.js';
import {
  _verifyV4PublicWith,
  type V4PublicMessage,
  type VerifyV4PublicOptions,
} from '../pasetoV4Public.js';

/** At most this many keys are kept; a keyset holds two or three. */
const CACHED_KEYS = 8;
/** Keys seen, by their base64url: null for a key no signature verifies with. */
const keyObjects = new Map<string, KeyObject | null>();

function keyObjectOf(publicKey: Uint8Array): KeyObject | null {
  const x = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.length).toString(
    'base64url',
  );
  let key = keyObjects.get(x);
  if (key === undefined) {
    key =
      _publicKeyPoint(publicKey) === null
        ? null
        : createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (keyObjects.size >= CACHED_KEYS) keyObjects.delete(keyObjects.keys().next().value as string);
    keyObjects.set(x, key);
  }
  return key;
}

/** @internal Ed25519 verification on node:crypto, by the rules of `_ed25519.ts`. */
export function _nodeEd25519Verify(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  const key = keyObjectOf(publicKey);
  // OpenSSL refuses S >= L too; checked here so the rule does not hang on its version.
  if (key === null || !_isCanonicalScalar(signature.subarray(32))) return false;
  return verify(null, message, key, signature);
}

/**
 * `verifyLease` of `./lease` on node:crypto: same arguments, checks, errors and claims.
 * @param token - the lease, `v4.public.BODY.FOOTER`
 * @param keyset - every trusted kid and its 32-byte Ed25519 public key
 * @param options - `now` (Unix seconds) and the implicit assertion
 * @returns the checked claims
 * @throws {DownloadKeysRangeError} with `argument` `token` and code WRONG_PURPOSE, MALFORMED,
 *   UNKNOWN_KID, BAD_SIGNATURE, EXPIRED or NOT_YET_VALID
 * @throws {DownloadKeysTypeError} MALFORMED when token is not a string; INVALID_PUBLIC_KEY for a
 *   keyset entry that is not a key; INVALID_TIME when now is not a whole number
 * @example
 * const claims = verifyLease(token, { 'lease-2026-01': publicKey }, { now: Math.floor(Date.now() / 1000), implicit: 'local-memory' });
 */
export function verifyLease(
  token: string,
  keyset: LeaseKeyset,
  options: VerifyLeaseOptions,
): LeaseClaims {
  return _verifyLeaseWith(_nodeEd25519Verify, token, keyset, options);
}

/**
 * `verifyV4Public` of `./lease` on node:crypto: same arguments, checks, errors and answer.
 * @param token - `v4.public.BODY` or `v4.public.BODY.FOOTER`
 * @param publicKey - the 32-byte Ed25519 public key
 * @param options - the implicit assertion, and optionally the footer the token must carry
 * @returns the payload and footer bytes
 * @throws {DownloadKeysTypeError} MALFORMED when token is not a string; INVALID_PUBLIC_KEY when
 *   publicKey is not a Uint8Array
 * @throws {DownloadKeysRangeError} WRONG_PURPOSE, MALFORMED, BAD_SIGNATURE; INVALID_PUBLIC_KEY
 *   (not 32 bytes)
 * @example
 * const { payload } = verifyV4Public(token, publicKey, { implicit: 'local-memory' });
 */
export function verifyV4Public(
  token: string,
  publicKey: Uint8Array,
  options: VerifyV4PublicOptions = {},
): V4PublicMessage {
  return _verifyV4PublicWith(_nodeEd25519Verify, token, publicKey, options);
}
