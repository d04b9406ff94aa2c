/**
 * Ed25519 verification (RFC 8032 §5.1.7) on `@noble/ed25519`'s point arithmetic, with what a
 * verifier of leases can afford: the public keys are few and fixed (a keyset), so each is
 * decoded and checked once and, once used again, kept with a table of its multiples, so that a
 * verification adds a few dozen table points instead of doubling 253 times. See
 * docs/algorithms.md, "Leases".
 *
 * The rules, the same in the Node verifier (`./node`, node:crypto) and Go's `crypto/ed25519`
 * where Go has one:
 * - S must be below the group order L (no malleable S);
 * - the public key must be the canonical encoding of a point (y < p, no "negative zero") that is
 *   not of small order; otherwise no signature verifies with it;
 * - the check is `[S]B - [k]A`, encoded, equal to the signature's R bytes: R must be canonical,
 *   and no torsion component is forgiven (the cofactorless equation, Go's and OpenSSL's).
 * Everything here is public data, so variable-time arithmetic is fine.
 * @module
 */
import { Point } from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';

/** The order L of Ed25519's prime-order subgroup. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
/** Window width of a key's table: 6 bits, 44 windows of 32 points (a measured trade-off). */
const WINDOW = 6;
const HALF = 1 << (WINDOW - 1);
const FULL = 1 << WINDOW;
const MASK = BigInt(FULL - 1);
const SHIFT = BigInt(WINDOW);
const WINDOWS = Math.ceil(253 / WINDOW) + 1;
/** At most this many keys keep a table; a keyset holds two or three. */
const CACHED_KEYS = 8;

/** @internal little-endian bytes as a number. */
export function _numberLE(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] as number);
  return n;
}

/** @internal whether 32 little-endian bytes hold a number below L (a canonical S). */
export function _isCanonicalScalar(bytes: Uint8Array): boolean {
  return _numberLE(bytes) < L;
}

/**
 * @internal the point of a public key, or null when no signature may verify with it: not the
 * canonical encoding of a curve point, or a point of small order.
 */
export function _publicKeyPoint(publicKey: Uint8Array): Point | null {
  let point: Point;
  try {
    point = Point.fromBytes(publicKey, false);
  } catch {
    return null;
  }
  return point.isSmallOrder() ? null : point;
}

/** A key's table: entry `w * HALF + j - 1` is `j * 2^(WINDOW * w) * A`, for j in 1..HALF. */
function multiplesOf(point: Point): Point[] {
  const table: Point[] = [];
  let base = point;
  for (let w = 0; w < WINDOWS; w++) {
    let multiple = base;
    table.push(multiple);
    for (let j = 1; j < HALF; j++) {
      multiple = multiple.add(base);
      table.push(multiple);
    }
    base = multiple.double(); // HALF * base * 2: the next window's base
  }
  return table;
}

/** `scalar * A` from A's table, one signed digit per window (digits in -HALF+1..HALF). */
function multiplyByTable(table: readonly Point[], scalar: bigint): Point {
  let sum = Point.ZERO;
  let rest = scalar;
  for (let w = 0; rest > 0n; w++) {
    let digit = Number(rest & MASK);
    rest >>= SHIFT;
    if (digit > HALF) {
      digit -= FULL;
      rest += 1n;
    }
    if (digit !== 0) {
      const multiple = table[w * HALF + Math.abs(digit) - 1] as Point;
      sum = sum.add(digit < 0 ? multiple.negate() : multiple);
    }
  }
  return sum;
}

/** A key seen: its point, how often it was used, and its table from the second use on. */
interface Key {
  readonly point: Point;
  uses: number;
  table?: readonly Point[];
}

/** Keys seen, by their hex: null for a key no signature verifies with. */
const keys = new Map<string, Key | null>();

function hexOf(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

function keyOf(publicKey: Uint8Array): Key | null {
  const id = hexOf(publicKey);
  let key = keys.get(id);
  if (key === undefined) {
    const point = _publicKeyPoint(publicKey);
    key = point === null ? null : { point, uses: 0 };
    if (keys.size >= CACHED_KEYS) keys.delete(keys.keys().next().value as string);
    keys.set(id, key);
  }
  return key;
}

/**
 * `k * A`. A key used once (a CLI, a page) is multiplied directly; from its second use on, its
 * table (44 windows × 32 points, about 1,400 additions once) makes each product about 40
 * additions instead of 253 doublings and about 125 additions.
 */
function multiplyKey(key: Key, k: bigint): Point {
  key.uses += 1;
  if (key.table === undefined && key.uses > 1) key.table = multiplesOf(key.point);
  return key.table === undefined ? key.point.multiply(k, false) : multiplyByTable(key.table, k);
}

/**
 * @internal verify an Ed25519 signature by the rules above.
 * @param signature - 64 bytes, R then S
 * @param message - the signed bytes
 * @param publicKey - 32 bytes
 * @returns whether the signature verifies
 */
export function _ed25519Verify(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  const key = keyOf(publicKey);
  if (key === null) return false;
  const s = _numberLE(signature.subarray(32));
  if (s >= L) return false;
  const r = signature.subarray(0, 32);
  const hashed = new Uint8Array(64 + message.length);
  hashed.set(r);
  hashed.set(publicKey, 32);
  hashed.set(message, 64);
  const k = _numberLE(sha512(hashed)) % L;
  // [S]B on noble's own table of the base point.
  const expected = Point.BASE.multiply(s, false).subtract(multiplyKey(key, k)).toBytes();
  let diff = 0;
  for (let i = 0; i < 32; i++) diff |= (expected[i] as number) ^ (r[i] as number);
  return diff === 0;
}
