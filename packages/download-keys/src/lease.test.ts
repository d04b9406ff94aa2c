// Leases: signed with ./node's signLease, verified with verifyLease (the isomorphic one of ./lease
// and node:crypto's of ./node, each held to every case), and every refusal by code.

import { sign as nodeSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519KeyPair, ed25519PrivateKeyFromSeed, rawPublicKey } from '../test/ed25519Keys.js';
import { _base64urlDecode, _base64urlEncode } from './_base64url.js';
import { DownloadKeysRangeError, DownloadKeysTypeError, isDownloadKeysError } from './errors.js';
import {
  verifyLease as isomorphicVerifyLease,
  verifyV4Public as isomorphicVerifyV4Public,
  LEASE_IMPLICIT,
  LEASE_MAX_CLOCK_SKEW_SECONDS,
  LEASE_SECONDS,
  type LeaseClaims,
  type LeaseKeyset,
  machineId,
} from './lease.js';
import {
  verifyLease as nodeVerifyLease,
  verifyV4Public as nodeVerifyV4Public,
  signLease,
  signLeaseWith,
  signV4Public,
  signV4PublicWith,
} from './node/index.js';

// Every verifier the library has; each describe below holds each to the same answers.
const VERIFIERS = [
  ['./lease (isomorphic)', isomorphicVerifyLease, isomorphicVerifyV4Public],
  ['./node (node:crypto)', nodeVerifyLease, nodeVerifyV4Public],
] as const;

const key = ed25519PrivateKeyFromSeed(
  Buffer.from('0102030405060708091011121314151617181920212223242526272829303132', 'hex'),
);
const keyset = { k1: rawPublicKey(key) };
const ISSUED = 1_767_225_600; // 2026-01-01T00:00:00Z
const claims: LeaseClaims = {
  v: 1,
  iss: 'https://localmemory.co',
  sub: 'lic_01',
  edn: 'pro',
  ent: ['updates'],
  max: 3,
  mid: machineId('b08dfa6083e7567a1921a715000001fb'),
  iat: ISSUED,
  exp: ISSUED + LEASE_SECONDS,
  upd: 1_798_761_600,
  jti: 'lease_01',
};
const options = { now: ISSUED + 60, implicit: LEASE_IMPLICIT };
const sign = (c: unknown = claims, kid = 'k1', privateKey = key) =>
  signLease(c as LeaseClaims, privateKey, { kid, implicit: LEASE_IMPLICIT });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isDownloadKeysError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe.each(VERIFIERS)('verifyLease of %s', (_entry, verifyLease) => {
  it('returns the claims of a good lease, in the documented order', () => {
    const got = verifyLease(sign(), keyset, options);
    expect(got).toEqual(claims);
    expect(Object.keys(got)).toEqual([
      'v',
      'iss',
      'sub',
      'edn',
      'ent',
      'max',
      'mid',
      'iat',
      'exp',
      'upd',
      'jti',
    ]);
    expect(verifyLease(sign({ ...claims, upd: null }), keyset, options).upd).toBeNull();
  });

  it('refuses each failure with its code', () => {
    const good = sign();
    const other = ed25519KeyPair().privateKey;
    expect(codeOf(() => verifyLease(sign(claims, 'k2'), keyset, options))).toBe('UNKNOWN_KID');
    expect(codeOf(() => verifyLease(sign(claims, 'k1', other), keyset, options))).toBe(
      'BAD_SIGNATURE',
    );
    expect(codeOf(() => verifyLease(good, keyset, { ...options, implicit: 'other' }))).toBe(
      'BAD_SIGNATURE',
    );
    expect(codeOf(() => verifyLease(good, keyset, { ...options, now: claims.exp }))).toBe(
      'EXPIRED',
    );
    expect(codeOf(() => verifyLease(good, keyset, { ...options, now: claims.exp - 1 }))).toBe(
      undefined,
    );
    const early = ISSUED - LEASE_MAX_CLOCK_SKEW_SECONDS;
    expect(codeOf(() => verifyLease(good, keyset, { ...options, now: early }))).toBe(undefined);
    expect(codeOf(() => verifyLease(good, keyset, { ...options, now: early - 1 }))).toBe(
      'NOT_YET_VALID',
    );
    expect(
      codeOf(() => verifyLease(good.replace('v4.public.', 'v4.local.'), keyset, options)),
    ).toBe('WRONG_PURPOSE');
    expect(codeOf(() => verifyLease('v4.public', keyset, options))).toBe('MALFORMED');
  });

  it('wants a footer {"kid": …} and a payload of well-typed claims', () => {
    const raw = (payload: string, footer: string) =>
      signV4Public(payload, key, { footer, implicit: LEASE_IMPLICIT });
    const kid = '{"kid":"k1"}';
    expect(codeOf(() => verifyLease(raw('{}', ''), keyset, options))).toBe('MALFORMED');
    expect(codeOf(() => verifyLease(raw('{}', 'k1'), keyset, options))).toBe('MALFORMED');
    expect(codeOf(() => verifyLease(raw('{}', '{"KID":"k1"}'), keyset, options))).toBe('MALFORMED');
    expect(codeOf(() => verifyLease(raw('not json', kid), keyset, options))).toBe('MALFORMED');
    const payload = (patch: Record<string, unknown>) => JSON.stringify({ ...claims, ...patch });
    for (const patch of [
      { v: 0 },
      { iss: '' },
      { ent: [1] },
      { ent: null },
      { max: 0 },
      { mid: 'short' },
      { iat: 10.5 },
      { exp: ISSUED },
      { exp: 2 ** 53 },
      { upd: undefined },
      { upd: '2027' },
      { jti: 7 },
    ]) {
      expect(codeOf(() => verifyLease(raw(payload(patch), kid), keyset, options))).toBe(
        'MALFORMED',
      );
    }
    // 1e1 is the whole number 10, in JavaScript and in the Go reference alike.
    const exponent = `${payload({}).slice(0, -1)},"extra":true}`.replace(`"v":1`, `"v":1e0`);
    expect(verifyLease(raw(exponent, kid), keyset, options).v).toBe(1);
  });

  it('never looks a kid up on the prototype', () => {
    expect(codeOf(() => verifyLease(sign(claims, 'constructor'), keyset, options))).toBe(
      'UNKNOWN_KID',
    );
    expect(codeOf(() => verifyLease(sign(claims, '__proto__'), keyset, options))).toBe(
      'UNKNOWN_KID',
    );
  });

  it('names the argument that is wrong', () => {
    const good = sign();
    expect(() => verifyLease(42 as unknown as string, keyset, options)).toThrow(
      DownloadKeysTypeError,
    );
    expect(() => verifyLease(good, { k1: new Uint8Array(31) }, options)).toThrow(
      /keyset\["k1"\] must be 32 bytes/,
    );
    expect(() => verifyLease(good, keyset, { ...options, now: 1.5 })).toThrow(/now must be/);
    expect(() => verifyLease(good, null as unknown as LeaseKeyset, options)).toThrow(
      /keyset must be/,
    );
  });
});

describe('signLease', () => {
  it('never issues a lease a verifier would refuse', () => {
    expect(() => sign({ ...claims, mid: 'x' })).toThrow(DownloadKeysRangeError);
    expect(codeOf(() => sign({ ...claims, exp: claims.iat }))).toBe('MALFORMED');
    expect(codeOf(() => sign(claims, ''))).toBe('MALFORMED');
  });
  it('reads a PKCS#8 PEM key, and refuses anything but an Ed25519 private key', () => {
    const pair = ed25519KeyPair();
    const token = signLease(claims, pair.pem, { kid: 'k9', implicit: LEASE_IMPLICIT });
    expect(isomorphicVerifyLease(token, { k9: pair.publicKey }, options)).toEqual(claims);
    expect(codeOf(() => signLease(claims, 'not a pem', { kid: 'k', implicit: '' }))).toBe(
      'INVALID_PRIVATE_KEY',
    );
  });
});

describe('signLeaseWith (a key held elsewhere, e.g. KMS)', () => {
  it('gives the signer the PAE bytes and makes the same token as signLease', async () => {
    const viaSigner = await signLeaseWith(
      claims,
      async (message) => new Uint8Array(nodeSign(null, message, key)),
      { kid: 'k1', implicit: LEASE_IMPLICIT },
    );
    expect(viaSigner).toBe(sign());
    await expect(
      signLeaseWith(claims, () => new Uint8Array(63), { kid: 'k1', implicit: LEASE_IMPLICIT }),
    ).rejects.toMatchObject({ code: 'MALFORMED', argument: 'signature' });
    await expect(
      signLeaseWith({ ...claims, max: 0 }, () => new Uint8Array(64), { kid: 'k1', implicit: '' }),
    ).rejects.toMatchObject({ code: 'MALFORMED', argument: 'claims' });
  });
});

describe('signV4PublicWith (any payload, a key held elsewhere)', () => {
  it('makes the same token as signV4Public and refuses a signature that is not 64 bytes', async () => {
    const options = { footer: '{"kid":"k1"}', implicit: LEASE_IMPLICIT };
    const viaSigner = await signV4PublicWith(
      '{"revoked":["lic_01"]}',
      (message) => new Uint8Array(nodeSign(null, message, key)),
      options,
    );
    expect(viaSigner).toBe(signV4Public('{"revoked":["lic_01"]}', key, options));
    await expect(signV4PublicWith('{}', () => new Uint8Array(65), options)).rejects.toMatchObject({
      code: 'MALFORMED',
      argument: 'signature',
    });
  });
});

describe.each(VERIFIERS)('verifyV4Public of %s', (_entry, _verifyLease, verifyV4Public) => {
  it('checks the expected footer byte for byte', () => {
    const token = signV4Public('{}', key, { footer: 'f1', implicit: 'i' });
    expect(Buffer.from(verifyV4Public(token, keyset.k1, { implicit: 'i' }).footer).toString()).toBe(
      'f1',
    );
    expect(codeOf(() => verifyV4Public(token, keyset.k1, { implicit: 'i', footer: 'f2' }))).toBe(
      'BAD_SIGNATURE',
    );
    expect(codeOf(() => verifyV4Public(token, new Uint8Array(32), { implicit: 'i' }))).toBe(
      'BAD_SIGNATURE',
    );
  });
});

describe('base64url (strict)', () => {
  it('round-trips every length and refuses every other spelling', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 89 + n) & 0xff);
      const text = _base64urlEncode(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(_base64urlDecode(text)).toEqual(bytes);
    }
    for (const bad of ['A', 'AB=', 'AB+/', 'AB C', 'AF', 'AAB', 'é']) {
      expect(_base64urlDecode(bad)).toBeNull();
    }
  });
});

describe('machineId', () => {
  it("is the documented HMAC rule (vectors computed with Python's hmac module)", () => {
    expect(machineId('b08dfa6083e7567a1921a715000001fb')).toBe('PPXR2m7hMcKS3TzkI6mqQg');
    expect(machineId(new Uint8Array(0))).toBe('masT3CDlln3NcGC9CWXuoA');
  });
});
