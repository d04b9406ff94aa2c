/**
 * Leases: PASETO `v4.public` tokens the licensing API signs and the product verifies offline
 * with a public key (docs/algorithms.md, "Leases"). No secret is needed to verify, so a copied
 * binary cannot mint one. Import from `@local-memory/download-keys/lease`; signing is in `./node`.
 * @module
 */
import { _ed25519Verify } from './_ed25519.js';
import { _footerKid, type LeaseClaims } from './_leaseClaims.js';
import {
  _verifyLeaseWith,
  LEASE_MAX_CLOCK_SKEW_SECONDS,
  type LeaseKeyset,
  type VerifyLeaseOptions,
} from './_leaseVerify.js';
import {
  _parseV4Public,
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
  LEASE_MAX_CLOCK_SKEW_SECONDS,
  type LeaseKeyset,
  V4_PUBLIC_HEADER,
  type V4PublicMessage,
  type VerifyLeaseOptions,
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
  return _verifyLeaseWith(_ed25519Verify, token, keyset, options);
}
