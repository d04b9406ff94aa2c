/**
 * PASETO `v4.public` verification: Ed25519 over the pre-authentication encoding (PAE) of the
 * header, payload, footer and implicit assertion. The token says only `v4.public`; there is no
 * algorithm field to confuse. Signing lives in the Node-only entry (`./node`). See
 * docs/algorithms.md, "Leases", and the PASETO specification (Version4.md, Common.md).
 * @module
 */
import { _base64urlDecode, _base64urlEncode } from './_base64url.js';
import { _utf8 } from './_bytes.js';
import { _ed25519Verify } from './_ed25519.js';
import { _describe, DownloadKeysRangeError, DownloadKeysTypeError } from './errors.js';

/** The header every `v4.public` token starts with. */
export const V4_PUBLIC_HEADER = 'v4.public.';
/** Length of an Ed25519 public key in bytes. */
export const ED25519_PUBLIC_KEY_LENGTH = 32;
const SIGNATURE_LENGTH = 64;

/** What a verified `v4.public` token carries. */
export interface V4PublicMessage {
  /** The signed payload bytes (for a lease, UTF-8 JSON). */
  readonly payload: Uint8Array;
  /** The footer bytes (empty when the token has none); authenticated, not secret. */
  readonly footer: Uint8Array;
}

/** Options of {@link verifyV4Public}. */
export interface VerifyV4PublicOptions {
  /** The implicit assertion the token was signed with (bound, never sent); default empty. */
  readonly implicit?: string | Uint8Array;
  /** When given, the footer the token must carry, byte for byte. */
  readonly footer?: string | Uint8Array;
}

const bytesOf = (value: string | Uint8Array) => (typeof value === 'string' ? _utf8(value) : value);

/** @internal a token failure: the token has the right type but cannot be accepted. */
export function _tokenError(
  code: 'BAD_SIGNATURE' | 'MALFORMED' | 'WRONG_PURPOSE',
  message: string,
  cause?: unknown,
): DownloadKeysRangeError {
  return new DownloadKeysRangeError(
    code,
    'token',
    message,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * @internal PAE (PASETO Common.md): the piece count, then each piece's length and bytes, every
 * length a little-endian 64-bit number whose top bit is clear.
 */
export function _pae(pieces: readonly Uint8Array[]): Uint8Array {
  let total = 8;
  for (const piece of pieces) total += 8 + piece.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const le64 = (at: number, n: number) => {
    view.setUint32(at, n >>> 0, true);
    view.setUint32(at + 4, Math.floor(n / 2 ** 32) & 0x7fffffff, true);
  };
  le64(0, pieces.length);
  let at = 8;
  for (const piece of pieces) {
    le64(at, piece.length);
    out.set(piece, at + 8);
    at += 8 + piece.length;
  }
  return out;
}

/** @internal the bytes Ed25519 signs for a `v4.public` token. */
export function _v4PublicPreAuth(
  payload: Uint8Array,
  footer: Uint8Array,
  implicit: Uint8Array,
): Uint8Array {
  return _pae([_utf8(V4_PUBLIC_HEADER), payload, footer, implicit]);
}

/** @internal assemble a token from its parts (the signer's last step). */
export function _v4PublicToken(
  payload: Uint8Array,
  signature: Uint8Array,
  footer: Uint8Array,
): string {
  const body = new Uint8Array(payload.length + signature.length);
  body.set(payload);
  body.set(signature, payload.length);
  const token = V4_PUBLIC_HEADER + _base64urlEncode(body);
  return footer.length === 0 ? token : `${token}.${_base64urlEncode(footer)}`;
}

/** @internal a token split into its parts, its signature not yet checked. */
export interface _ParsedV4Public {
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
  readonly footer: Uint8Array;
}

/**
 * @internal split a token: exactly `v4.public.BODY` or `v4.public.BODY.FOOTER`, both parts
 * canonical base64url, the body at least a signature long.
 */
export function _parseV4Public(token: unknown): _ParsedV4Public {
  if (typeof token !== 'string') {
    throw new DownloadKeysTypeError(
      'MALFORMED',
      'token',
      `token must be a string, got ${_describe(token)}`,
    );
  }
  const parts = token.split('.');
  if (parts.length < 3 || parts.length > 4) {
    throw _tokenError('MALFORMED', 'token is not a PASETO token (v4.public.BODY[.FOOTER])');
  }
  if (parts[0] !== 'v4' || parts[1] !== 'public') {
    throw _tokenError(
      'WRONG_PURPOSE',
      `token is a ${JSON.stringify(`${parts[0]}.${parts[1]}`.slice(0, 40))} token; only v4.public is accepted`,
    );
  }
  const body = _base64urlDecode(parts[2] as string);
  if (body === null || body.length < SIGNATURE_LENGTH) {
    throw _tokenError('MALFORMED', 'token body is not base64url of a payload and a signature');
  }
  let footer: Uint8Array = new Uint8Array(0);
  if (parts.length === 4) {
    const decoded = _base64urlDecode(parts[3] as string);
    if (decoded === null || decoded.length === 0) {
      throw _tokenError('MALFORMED', 'token footer is not non-empty base64url');
    }
    footer = decoded;
  }
  return {
    payload: body.subarray(0, body.length - SIGNATURE_LENGTH),
    signature: body.subarray(body.length - SIGNATURE_LENGTH),
    footer,
  };
}

/** @internal check an Ed25519 public key argument. */
export function _assertPublicKey(key: unknown, argument: string): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array)) {
    throw new DownloadKeysTypeError(
      'INVALID_PUBLIC_KEY',
      argument,
      `${argument} must be a Uint8Array of ${ED25519_PUBLIC_KEY_LENGTH} bytes, got ${_describe(key)}`,
    );
  }
  if (key.length !== ED25519_PUBLIC_KEY_LENGTH) {
    throw new DownloadKeysRangeError(
      'INVALID_PUBLIC_KEY',
      argument,
      `${argument} must be ${ED25519_PUBLIC_KEY_LENGTH} bytes (an Ed25519 public key), got ${key.length}`,
    );
  }
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/**
 * @internal an Ed25519 verifier: whether `signature` verifies `message` with `publicKey` (already
 * 32 bytes), by the rules of `_ed25519.ts`. The isomorphic one is {@link _ed25519Verify}; the
 * Node entry passes one on node:crypto.
 */
export type _Ed25519Verifier = (
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
) => boolean;

/** @internal verify a parsed token's signature. */
export function _verifyParsed(
  parsed: _ParsedV4Public,
  publicKey: Uint8Array,
  implicit: Uint8Array,
  ed25519Verify: _Ed25519Verifier = _ed25519Verify,
): void {
  const message = _v4PublicPreAuth(parsed.payload, parsed.footer, implicit);
  let valid: boolean;
  try {
    valid = ed25519Verify(parsed.signature, message, publicKey);
  } catch (error) {
    throw _tokenError('BAD_SIGNATURE', 'token signature does not verify', error);
  }
  if (!valid) throw _tokenError('BAD_SIGNATURE', 'token signature does not verify');
}

/**
 * Verify a PASETO `v4.public` token's signature (PASETO Version4.md, "Verify"): nothing about
 * its claims. {@link verifyLease} builds on this.
 * @param token - `v4.public.BODY` or `v4.public.BODY.FOOTER`
 * @param publicKey - the 32-byte Ed25519 public key
 * @param options - the implicit assertion, and optionally the footer the token must carry
 * @returns the payload and footer bytes
 * @throws {DownloadKeysTypeError} MALFORMED when token is not a string; INVALID_PUBLIC_KEY when
 *   publicKey is not a Uint8Array
 * @throws {DownloadKeysRangeError} WRONG_PURPOSE (not a v4.public token), MALFORMED (not a
 *   well-formed token), BAD_SIGNATURE (signature, footer or implicit assertion wrong);
 *   INVALID_PUBLIC_KEY (not 32 bytes)
 * @example
 * const { payload } = verifyV4Public(token, publicKey, { implicit: 'local-memory' });
 */
export function verifyV4Public(
  token: string,
  publicKey: Uint8Array,
  options: VerifyV4PublicOptions = {},
): V4PublicMessage {
  return _verifyV4PublicWith(_ed25519Verify, token, publicKey, options);
}

/** @internal {@link verifyV4Public} on the given Ed25519 verifier. */
export function _verifyV4PublicWith(
  ed25519Verify: _Ed25519Verifier,
  token: string,
  publicKey: Uint8Array,
  options: VerifyV4PublicOptions = {},
): V4PublicMessage {
  _assertPublicKey(publicKey, 'publicKey');
  const parsed = _parseV4Public(token);
  if (options.footer !== undefined && !constantTimeEqual(parsed.footer, bytesOf(options.footer))) {
    throw _tokenError('BAD_SIGNATURE', 'token footer is not the expected one');
  }
  _verifyParsed(parsed, publicKey, bytesOf(options.implicit ?? ''), ed25519Verify);
  return { payload: parsed.payload, footer: parsed.footer };
}
