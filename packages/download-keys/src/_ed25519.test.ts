// The Ed25519 rules of _ed25519.ts, held to both verifiers (isomorphic and node:crypto) on the
// edge cases RFC 8032 leaves to the verifier, each case built here from a fixed key. Beside each,
// what @noble/ed25519's own strict verify (the library's verifier before) and its ZIP-215 mode
// answer, to show which rule each case pins.

import { createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { hashes, verify as nobleVerify, Point, utils } from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { ed25519PrivateKeyFromSeed, rawPublicKey } from '../test/ed25519Keys.js';
import { _ed25519Verify, _numberLE } from './_ed25519.js';
import { _nodeEd25519Verify } from './node/leaseVerify.js';

hashes.sha512 ??= sha512; // noble's own sign/verify, used here as references, want it

const P = 2n ** 255n - 19n;
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const { scalar: a, pointBytes: A } = utils.getExtendedPublicKey(seed);
const message = new TextEncoder().encode('a lease, or any message');

const le32 = (n: bigint) => {
  const out = new Uint8Array(32);
  for (let i = 0, rest = n; i < 32; i++, rest >>= 8n) out[i] = Number(rest & 255n);
  return out;
};
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};
const challenge = (r: Uint8Array, publicKey: Uint8Array, m: Uint8Array) =>
  _numberLE(sha512(concat(r, publicKey, m))) % L;
/** A signature with nonce r whose R is written as `rBytes` (which may not be r·B's encoding). */
const signWithNonce = (r: bigint, rBytes: Uint8Array) =>
  concat(rBytes, le32((r + challenge(rBytes, A, message) * a) % L));

const honest = new Uint8Array(nodeSign(null, message, ed25519PrivateKeyFromSeed(seed)));
const identity = le32(1n); // (0, 1), canonical
const orderTwo = Point.fromBytes(le32(P - 1n)); // (0, -1)
const torsionR = Point.BASE.multiply(12_345n).add(orderTwo).toBytes();

interface EdgeCase {
  readonly id: string;
  readonly comment: string;
  readonly signature: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  /** What both verifiers answer. */
  readonly valid: boolean;
  /** What @noble/ed25519's verify answers, strict and ZIP-215. */
  readonly noble: { readonly strict: boolean; readonly zip215: boolean };
}

const CASES: readonly EdgeCase[] = [
  {
    id: 'ed-1',
    comment: 'an honest signature (node:crypto signed it)',
    signature: honest,
    publicKey: A,
    message,
    valid: true,
    noble: { strict: true, zip215: true },
  },
  {
    id: 'ed-2',
    comment: 'the same message changed',
    signature: honest,
    publicKey: A,
    message: concat(message, new Uint8Array([0])),
    valid: false,
    noble: { strict: false, zip215: false },
  },
  {
    id: 'ed-3',
    comment: 'S + L: the same S written unreduced (malleability)',
    signature: concat(honest.subarray(0, 32), le32(_numberLE(honest.subarray(32)) + L)),
    publicKey: A,
    message,
    valid: false,
    noble: { strict: false, zip215: false },
  },
  {
    id: 'ed-4',
    comment: 'R the identity, canonical (nonce 0): a valid signature, if an odd one',
    signature: signWithNonce(0n, identity),
    publicKey: A,
    message,
    valid: true,
    noble: { strict: true, zip215: true },
  },
  {
    id: 'ed-5',
    comment: 'R the identity written as y = p + 1 (not canonical): only ZIP-215 accepts it',
    signature: signWithNonce(0n, le32(P + 1n)),
    publicKey: A,
    message,
    valid: false,
    noble: { strict: false, zip215: true },
  },
  {
    id: 'ed-6',
    comment:
      'R = r·B + (0, -1), a torsion component: the cofactored equation (noble) forgives it, the ' +
      "cofactorless one (Go's, OpenSSL's, ours) does not; an honest signer never makes it",
    signature: signWithNonce(12_345n, torsionR),
    publicKey: A,
    message,
    valid: false,
    noble: { strict: true, zip215: true },
  },
  {
    id: 'ed-7',
    comment:
      'the public key the identity (small order), R the identity, S = 0: the bare equation holds ' +
      'for every message; a small-order key is refused',
    signature: concat(identity, le32(0n)),
    publicKey: identity,
    message,
    valid: false,
    noble: { strict: false, zip215: true },
  },
  {
    id: 'ed-8',
    comment:
      'the public key the identity written as y = p + 1 (not canonical), R the identity, S = 0: ' +
      'only ZIP-215 decodes such a key',
    signature: concat(identity, le32(0n)),
    publicKey: le32(P + 1n),
    message,
    valid: false,
    noble: { strict: false, zip215: true },
  },
];

describe('Ed25519 verification rules (_ed25519.ts)', () => {
  it('builds the honest case from the key the test helpers make from the same seed', () => {
    expect(rawPublicKey(ed25519PrivateKeyFromSeed(seed))).toEqual(A);
    expect(honest).toHaveLength(64);
  });

  it.each(CASES)('$id: $comment', (c) => {
    const answers = {
      isomorphic: _ed25519Verify(c.signature, c.message, c.publicKey),
      node: _nodeEd25519Verify(c.signature, c.message, c.publicKey),
      nobleStrict: nobleVerify(c.signature, c.message, c.publicKey, { zip215: false }),
      nobleZip215: nobleVerify(c.signature, c.message, c.publicKey, { zip215: true }),
    };
    expect(answers).toEqual({
      isomorphic: c.valid,
      node: c.valid,
      nobleStrict: c.noble.strict,
      nobleZip215: c.noble.zip215,
    });
    // Asked again, the answer comes from the cached key and must not change.
    expect(_ed25519Verify(c.signature, c.message, c.publicKey)).toBe(c.valid);
    expect(_nodeEd25519Verify(c.signature, c.message, c.publicKey)).toBe(c.valid);
  });

  it('refuses the small-order key of ed-7, which OpenSSL alone accepts for any message', () => {
    const ed7 = CASES.find((c) => c.id === 'ed-7') as EdgeCase;
    const x = Buffer.from(ed7.publicKey).toString('base64url');
    const bare = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    expect(nodeVerify(null, ed7.message, bare, ed7.signature)).toBe(true);
    expect(nodeVerify(null, new Uint8Array([1, 2, 3]), bare, ed7.signature)).toBe(true);
    expect(_nodeEd25519Verify(ed7.signature, ed7.message, ed7.publicKey)).toBe(false);
  });

  it('agrees with node:crypto on honest signatures and on every single-bit change of them', () => {
    for (let i = 0; i < 8; i++) {
      const key = ed25519PrivateKeyFromSeed(Uint8Array.from({ length: 32 }, (_, j) => i * 32 + j));
      const publicKey = rawPublicKey(key);
      const m = new TextEncoder().encode(`message ${i}`);
      const signature = new Uint8Array(nodeSign(null, m, key));
      expect(_ed25519Verify(signature, m, publicKey)).toBe(true);
      for (const bit of [0, 7, 255, 256, 300, 511]) {
        const flipped = signature.slice();
        flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (1 << (bit & 7));
        const expected = nodeVerify(null, m, key, flipped);
        expect(_ed25519Verify(flipped, m, publicKey)).toBe(expected);
        expect(_nodeEd25519Verify(flipped, m, publicKey)).toBe(expected);
      }
    }
  });
});
