// The claims of a lease and the footer naming its key: the one check both the verifier and the
// signer apply, so an invalid lease is never issued.
import { _fromUtf8 } from './_bytes.js';
import type { DownloadKeysRangeError } from './errors.js';
import { _tokenError } from './pasetoV4Public.js';

/** What a lease says (times in Unix seconds). */
export interface LeaseClaims {
  /** Lease format version (a whole number, at least 1). */
  readonly v: number;
  /** Issuer. */
  readonly iss: string;
  /** The opaque license id (never the Checkout Session id). */
  readonly sub: string;
  /** Edition. */
  readonly edn: string;
  /** Entitlements. */
  readonly ent: readonly string[];
  /** Activation limit of the license. */
  readonly max: number;
  /** Machine id (docs/algorithms.md, "Machine id"): 22 base64url characters. */
  readonly mid: string;
  /** Issued at. */
  readonly iat: number;
  /** Expires at. */
  readonly exp: number;
  /** Updates until, or null for no limit. */
  readonly upd: number | null;
  /** Lease id. */
  readonly jti: string;
}

const MACHINE_ID = /^[A-Za-z0-9_-]{22}$/;

function malformed(message: string): DownloadKeysRangeError {
  return _tokenError('MALFORMED', message);
}

/** @internal a plain JSON object (not null, not an array). */
export const _isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function wholeNumber(claims: Record<string, unknown>, name: string, min: number): number {
  const value = claims[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw malformed(`lease claim ${name} must be a whole number of at least ${min}`);
  }
  return value;
}

function text(claims: Record<string, unknown>, name: string): string {
  const value = claims[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw malformed(`lease claim ${name} must be a non-empty string`);
  }
  return value;
}

/**
 * @internal the claims of a lease payload (parsed JSON), checked: every claim present with its
 * type, `mid` a machine id, `exp` after `iat`. Other members are ignored.
 */
export function _leaseClaims(json: unknown): LeaseClaims {
  if (!_isRecord(json)) throw malformed('lease payload must be a JSON object');
  const ent = json.ent;
  if (!Array.isArray(ent) || !ent.every((e) => typeof e === 'string')) {
    throw malformed('lease claim ent must be an array of strings');
  }
  const mid = text(json, 'mid');
  if (!MACHINE_ID.test(mid)) throw malformed('lease claim mid must be a machine id');
  const upd = json.upd === null ? null : wholeNumber(json, 'upd', 0);
  const claims: LeaseClaims = {
    v: wholeNumber(json, 'v', 1),
    iss: text(json, 'iss'),
    sub: text(json, 'sub'),
    edn: text(json, 'edn'),
    ent: [...ent],
    max: wholeNumber(json, 'max', 1),
    mid,
    iat: wholeNumber(json, 'iat', 0),
    exp: wholeNumber(json, 'exp', 0),
    upd,
    jti: text(json, 'jti'),
  };
  if (claims.exp <= claims.iat) throw malformed('lease claim exp must be after iat');
  return claims;
}

/** @internal the kid named by a token's footer (`{"kid":"..."}`). */
export function _footerKid(footer: Uint8Array): string {
  if (footer.length === 0) throw malformed('lease has no footer; it must name its key ({"kid":…})');
  const textValue = _fromUtf8(footer);
  let json: unknown;
  try {
    json = textValue === null ? undefined : JSON.parse(textValue);
  } catch {
    json = undefined;
  }
  if (!_isRecord(json) || typeof json.kid !== 'string' || json.kid.length === 0) {
    throw malformed('lease footer must be JSON {"kid":"…"}');
  }
  return json.kid;
}
