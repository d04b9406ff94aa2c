/**
 * @internal verifyLease's checks in their order (docs/algorithms.md, "Leases"), on any Ed25519
 * verifier: the isomorphic one (`./lease`) or node:crypto's (`./node`).
 * @module
 */
import { _fromUtf8, _utf8 } from './_bytes.js';
import { _footerKid, _isRecord, _leaseClaims, type LeaseClaims } from './_leaseClaims.js';
import { _describe, DownloadKeysRangeError, DownloadKeysTypeError } from './errors.js';
import {
  _assertPublicKey,
  type _Ed25519Verifier,
  _parseV4Public,
  _tokenError,
  _verifyParsed,
} from './pasetoV4Public.js';

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

/** @internal {@link verifyLease} on the given Ed25519 verifier. */
export function _verifyLeaseWith(
  ed25519Verify: _Ed25519Verifier,
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
  _verifyParsed(parsed, publicKey, _utf8(options.implicit), ed25519Verify);

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
