/**
 * Leases: PASETO `v4.public` tokens the licensing API signs and the product verifies offline
 * with a public key (docs/algorithms.md, "Leases"). No secret is needed to verify, so a copied
 * binary cannot mint one. Import from `@local-memory/download-keys/lease`; signing is in `./node`.
 * @module
 */
import { _fromUtf8, _utf8 } from './_bytes.js';
import { _footerKid, _isRecord, _leaseClaims, type LeaseClaims } from './_leaseClaims.js';
import { _describe, DownloadKeysRangeError, DownloadKeysTypeError } from './errors.js';
import {
  _assertPublicKey,
  _parseV4Public,
  _tokenError,
  _verifyParsed,
  ED25519_PUBLIC_KEY_LENGTH,
  V4_PUBLIC_HEADER,
  type V4PublicMessage,
  type VerifyV4PublicOptions,
  verifyV4Public,
} from './pasetoV4Public.js';

export type { LeaseClaims } from './_leaseClaims.js';
export type { LeaseErrorCode } from './errors.js';
export { machineId } from './machineId.js';
export {
  ED25519_PUBLIC_KEY_LENGTH,
  V4_PUBLIC_HEADER,
  type V4PublicMessage,
  type VerifyV4PublicOptions,
  verifyV4Public,
};

/** The implicit assertion every Local Memory lease is signed with (bound, never sent). */
export const LEASE_IMPLICIT = 'local-memory';
/** A lease is valid this long after it is issued: 30 days. */
export const LEASE_SECONDS = 30 * 86_400;
/** The product asks for a fresh lease in the background once its lease is this old: 24 hours. */
export const LEASE_REFRESH_AFTER_SECONDS = 86_400;
/** After `exp` the product keeps working this long, with a warning: 14 days. */
export const LEASE_GRACE_SECONDS = 14 * 86_400;
/** A lease issued more than this far in the future is refused (clock tampering): 5 minutes. */
export const LEASE_MAX_CLOCK_SKEW_SECONDS = 300;

/** A kid (key id, from the token's footer) → 32-byte Ed25519 public key. */
export type LeaseKeyset = Readonly<Record<string, Uint8Array>>;

/** Options of {@link verifyLease}. */
export interface VerifyLeaseOptions {
  /** The current time in Unix seconds (a whole number): the caller's clock. */
  readonly now: number;
  /** The implicit assertion; {@link LEASE_IMPLICIT} for Local Memory. */
  readonly implicit: string;
}

/**
 * The kid a lease's footer names, read without verifying anything: which key to check it with.
 * @param token - the lease
 * @returns the kid
 * @throws {DownloadKeysRangeError} WRONG_PURPOSE or MALFORMED (no footer `{"kid":"…"}`)
 * @throws {DownloadKeysTypeError} MALFORMED when token is not a string
 * @example leaseKid(token) // 'lease-2026-01'
 */
export function leaseKid(token: string): string {
  return _footerKid(_parseV4Public(token).footer);
}

/**
 * Verify a lease offline: its key (by the footer's `kid`), its signature over the implicit
 * assertion, its claims, and its times: refused once `now >= exp` (EXPIRED; the product's 14
 * days of grace are its own rule) and when `iat` is more than 5 minutes after `now`
 * (NOT_YET_VALID: the clock was turned back).
 * @param token - the lease, `v4.public.BODY.FOOTER`
 * @param keyset - every trusted kid and its 32-byte Ed25519 public key
 * @param options - `now` (Unix seconds) and the implicit assertion
 * @returns the checked claims
 * @throws {DownloadKeysRangeError} with `argument` `token` and code WRONG_PURPOSE, MALFORMED,
 *   UNKNOWN_KID, BAD_SIGNATURE, EXPIRED or NOT_YET_VALID
 * @throws {DownloadKeysTypeError} MALFORMED when token is not a string; INVALID_PUBLIC_KEY for a
 *   keyset entry that is not a key; INVALID_TIME when now is not a whole number
 * @example
 * const claims = verifyLease(token, { 'lease-2026-01': publicKey }, { now: Math.floor(Date.now() / 1000), implicit: LEASE_IMPLICIT });
 */
export function verifyLease(
  token: string,
  keyset: LeaseKeyset,
  options: VerifyLeaseOptions,
): LeaseClaims {
  if (!_isRecord(keyset)) {
    throw new DownloadKeysTypeError(
      'INVALID_PUBLIC_KEY',
      'keyset',
      `keyset must be an object of kid → public key, got ${_describe(keyset)}`,
    );
  }
  const now = options?.now;
  if (typeof now !== 'number' || !Number.isSafeInteger(now) || now < 0) {
    throw new DownloadKeysTypeError(
      'INVALID_TIME',
      'now',
      `now must be Unix seconds as a whole number, got ${_describe(now)}`,
    );
  }
  if (typeof options.implicit !== 'string') {
    throw new DownloadKeysTypeError(
      'MALFORMED',
      'implicit',
      `implicit must be a string, got ${_describe(options.implicit)}`,
    );
  }
  const parsed = _parseV4Public(token);
  const kid = _footerKid(parsed.footer);
  if (!Object.hasOwn(keyset, kid)) {
    throw _keyError(kid);
  }
  const publicKey = keyset[kid];
  _assertPublicKey(publicKey, `keyset[${JSON.stringify(kid)}]`);
  _verifyParsed(parsed, publicKey, _utf8(options.implicit));

  const payload = _fromUtf8(parsed.payload);
  let json: unknown;
  try {
    json = payload === null ? undefined : JSON.parse(payload);
  } catch (error) {
    throw _tokenError('MALFORMED', 'lease payload is not JSON', error);
  }
  if (payload === null) throw _tokenError('MALFORMED', 'lease payload is not UTF-8');
  const claims = _leaseClaims(json);
  if (claims.iat > now + LEASE_MAX_CLOCK_SKEW_SECONDS) {
    throw new DownloadKeysRangeError(
      'NOT_YET_VALID',
      'token',
      'lease was issued in the future: check the system clock',
    );
  }
  if (now >= claims.exp) {
    throw new DownloadKeysRangeError('EXPIRED', 'token', 'lease has expired: refresh it online');
  }
  return claims;
}

function _keyError(kid: string): DownloadKeysRangeError {
  return new DownloadKeysRangeError(
    'UNKNOWN_KID',
    'token',
    `lease is signed with key ${JSON.stringify(kid.slice(0, 64))}, which this keyset does not hold: update the product`,
  );
}
