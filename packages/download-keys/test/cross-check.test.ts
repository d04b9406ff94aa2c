// TS <-> Go cross-check with fast-check properties: seeded (FC_SEED replays a run), shrinking
// (a disagreement is reported as the smallest input fast-check finds), and every value asked of
// the Go reference through its batch CLI. Together the properties try more than 10,000 cases.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  downloadHash,
  generateLicenseKey,
  isCheckoutSessionId,
  isDownloadKeysError,
  linkExpiresAt,
  MAX_WINDOW,
  normalizeLicenseKey,
  PLATFORMS,
  type Platform,
  s3ObjectKey,
  timeWindowAt,
  validateLicenseKeyFormat,
  verifyLicenseKey,
  WINDOW_SECONDS,
} from '../src/index.js';
import {
  verifyLease as isomorphicVerifyLease,
  LEASE_MAX_CLOCK_SKEW_SECONDS,
  type LeaseClaims,
  type LeaseKeyset,
  type VerifyLeaseOptions,
} from '../src/lease.js';
import {
  verifyLease as nodeVerifyLease,
  parseBase10Integer,
  signLease,
} from '../src/node/index.js';
import { ed25519PrivateKeyFromSeed, rawPublicKey } from './ed25519Keys.js';
import { type BatchAnswer, type BatchCase, type GoBatch, startGoBatch } from './goBatch.js';

// A failure prints `{ seed, path }`: FC_SEED=<seed> FC_PATH=<path> replays exactly that case.
const SEED = Number(process.env.FC_SEED ?? 20261125);
const RUNS = 1_500; // per property; 7 properties
const params = {
  seed: SEED,
  numRuns: RUNS,
  ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}),
};

let go: GoBatch;
beforeAll(() => {
  go = startGoBatch();
});
afterAll(async () => {
  await go?.close();
});

/** What the TypeScript library answers, in the batch protocol's shape. */
function ts(c: BatchCase): BatchAnswer {
  const attempt = (fn: () => BatchAnswer): BatchAnswer => {
    try {
      return fn();
    } catch (error) {
      if (isDownloadKeysError(error)) return { error: error.code };
      throw error;
    }
  };
  const s = c.secret as string;
  switch (c.op) {
    case 'license':
      return attempt(() => ({ licenseKey: generateLicenseKey(c.sessionId as string, s) }));
    case 'verify':
      return attempt(() => ({
        verified: verifyLicenseKey(c.licenseKey as string, c.sessionId as string, s),
      }));
    case 'normalize': {
      const licenseKey = normalizeLicenseKey(c.licenseKey as string);
      const { valid, problems } = validateLicenseKeyFormat(licenseKey);
      return { licenseKey, valid, problems: [...problems] };
    }
    case 'hash':
      return attempt(() => {
        const args = [s, c.timeWindow as number, c.platform as Platform] as const;
        const hash = downloadHash(...args);
        return { downloadHash: hash, s3Key: s3ObjectKey(...args, c.prefix as string) };
      });
    case 'window':
      return attempt(() => ({
        timeWindow: timeWindowAt(c.unixSeconds as number),
        expiresAt: linkExpiresAt(c.unixSeconds as number),
      }));
    case 'session':
      return { valid: isCheckoutSessionId(c.sessionId) };
    case 'number':
      return attempt(() => ({ value: parseBase10Integer(c.text as string, 'value') }));
  }
  throw new Error(`unknown op ${c.op}`);
}

const verdicts = { ok: 0, invalid: 0, error: 0 };
async function agree(c: BatchCase): Promise<void> {
  const want = ts(c);
  if ('error' in want) verdicts.error++;
  else if (want.valid === false || want.verified === false) verdicts.invalid++;
  else verdicts.ok++;
  expect(await go.ask(c)).toEqual(want);
}

// ---- arbitraries -------------------------------------------------------------------------
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const alnum = (max: number) =>
  fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: max });
const anyText = (max: number) => fc.string({ unit: 'binary', maxLength: max });
const secret = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant('') },
);
const sessionId = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(fc.constantFrom('test', 'live'), alnum(80)).map(([m, b]) => `cs_${m}_${b}`),
  },
  { weight: 1, arbitrary: alnum(247).map((b) => `cs_live_${b}`) },
  { weight: 1, arbitrary: fc.constantFrom('cs_test_', 'pi_123', 'cs_test_a_b', 'CS_TEST_x', '') },
  { weight: 1, arbitrary: anyText(40) },
);
// What customers paste: the key, then some of the mistakes in docs/algorithms.md.
const INVISIBLE = [
  '\t',
  '\n',
  '\r',
  ' ',
  '\u00a0',
  '\u00ad',
  '\u200b',
  '\u200d',
  '\u2060',
  '\u3000',
  '\ufeff',
  '\u0085',
];
const DASHES = ['-', '\u2010', '\u2013', '\u2014', '\u2212', '\uff0d', '_', '\u30fc', '.'];
const KEY_CHARS = [...'ABCDEFGHJKLMNPQRSTUVWXYZ2346901578OIabcz-_ é<\u0415\uff25'];
const mangle = (key: string) =>
  fc
    .array(
      fc.oneof(
        fc.tuple(fc.constant('insert'), fc.nat(), fc.constantFrom(...INVISIBLE, ...KEY_CHARS)),
        fc.tuple(fc.constant('replace'), fc.nat(), fc.constantFrom(...KEY_CHARS, ...DASHES)),
        fc.tuple(fc.constant('delete'), fc.nat(), fc.constant('')),
        fc.tuple(fc.constant('case'), fc.nat(), fc.constant('')),
        fc.tuple(fc.constant('dashes'), fc.nat(), fc.constantFrom(...DASHES, '', ' ')),
      ),
      { maxLength: 4 },
    )
    .map((edits) =>
      edits.reduce((text, [kind, at, ch]) => {
        const chars = Array.from(text);
        const i = chars.length === 0 ? 0 : at % chars.length;
        if (kind === 'insert') chars.splice(i, 0, ch);
        else if (kind === 'replace') chars[i] = ch;
        else if (kind === 'delete') chars.splice(i, 1);
        else if (kind === 'case') return at % 2 ? text.toLowerCase() : text.toUpperCase();
        else return text.replaceAll('-', ch);
        return chars.join('');
      }, key),
    );
const pasted = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(sessionId, secret).chain(([sid, sec]) => mangle(keyOf(sid, sec))),
  },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom(...KEY_CHARS, ...INVISIBLE, ...DASHES),
      maxLength: 30,
    }),
  },
  { weight: 1, arbitrary: anyText(30) },
);
function keyOf(sid: string, sec: string): string {
  return isCheckoutSessionId(sid) && sec !== ''
    ? generateLicenseKey(sid, sec)
    : 'LM-AAAA-AAAA-AAAA-AAAA-AAAA';
}
const timeWindow = fc.oneof(
  fc.constantFrom(0, 1, 40648, MAX_WINDOW, MAX_WINDOW + 1, -1),
  fc.integer({ min: -5, max: 100_000 }),
  fc.integer({ min: 0, max: MAX_WINDOW }),
);
const platform = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...PLATFORMS) },
  { weight: 1, arbitrary: fc.constantFrom('beos', 'MacOS', 'linux ', 'linux-arm64', '') },
);
const prefix = fc.oneof(
  fc.constantFrom('downloads', '', '/', 'a/b/', '/staging/dl', 'a//b', '..', 'a/./b', 'ü'),
  fc.string({ unit: fc.constantFrom(...'ab1._-/ ?'), maxLength: 12 }),
);
const MAX_UNIX = (MAX_WINDOW + 1) * WINDOW_SECONDS;
const unixSeconds = fc.oneof(
  fc.constantFrom(0, 43_199, 43_200, 1_755_993_600, MAX_UNIX - 1, MAX_UNIX, -1),
  fc.integer({ min: 0, max: 4_000_000_000 }),
  fc.integer({ min: -10, max: MAX_UNIX + 10 }),
);
const numberText = fc.oneof(
  fc.nat({ max: Number.MAX_SAFE_INTEGER }).map(String),
  fc.string({ unit: fc.constantFrom(...'0123456789_xXeE.+- \u0661\uff11'), maxLength: 18 }),
  fc.constantFrom('9007199254740991', '9007199254740992', '99999999999999999999', '010', '0'),
);

// ---- properties --------------------------------------------------------------------------
describe(`TypeScript library agrees with the Go reference (fast-check, seed ${SEED})`, () => {
  it('license keys', async () => {
    await fc.assert(
      fc.asyncProperty(sessionId, secret, (sid, sec) =>
        agree({ op: 'license', sessionId: sid, secret: sec }),
      ),
      params,
    );
  });
  it('verification of pasted keys', async () => {
    const c = fc
      .tuple(sessionId, secret)
      .chain(([sid, sec]) =>
        fc.tuple(
          fc.constant(sid),
          fc.constant(sec),
          fc.oneof(fc.constant(keyOf(sid, sec)), mangle(keyOf(sid, sec)), pasted),
        ),
      );
    await fc.assert(
      fc.asyncProperty(c, ([sid, sec, key]) =>
        agree({ op: 'verify', sessionId: sid, secret: sec, licenseKey: key }),
      ),
      params,
    );
  });
  it('normalisation and format validation', async () => {
    await fc.assert(
      fc.asyncProperty(pasted, (key) => agree({ op: 'normalize', licenseKey: key })),
      params,
    );
  });
  it('download hashes and S3 keys', async () => {
    await fc.assert(
      fc.asyncProperty(secret, timeWindow, platform, prefix, (sec, w, p, pre) =>
        agree({ op: 'hash', secret: sec, timeWindow: w, platform: p, prefix: pre }),
      ),
      params,
    );
  });
  it('time windows and link expiry', async () => {
    await fc.assert(
      fc.asyncProperty(unixSeconds, (t) => agree({ op: 'window', unixSeconds: t })),
      params,
    );
  });
  it('session ids', async () => {
    await fc.assert(
      fc.asyncProperty(sessionId, (sid) => agree({ op: 'session', sessionId: sid })),
      params,
    );
  });
  it('command-line numbers', async () => {
    await fc.assert(
      fc.asyncProperty(numberText, (text) => agree({ op: 'number', text })),
      params,
    );
  });
  it('asked Go more than 10,000 cases, of every verdict', () => {
    expect(go.asked).toBeGreaterThanOrEqual(10_000);
    // Without these the agreement would prove little: every kind of answer must occur often.
    expect(verdicts.ok).toBeGreaterThan(2_000);
    expect(verdicts.invalid).toBeGreaterThan(1_000);
    expect(verdicts.error).toBeGreaterThan(500);
  });
});

// ---- leases ------------------------------------------------------------------------------
// Any claims signed on one side verify on the other to the same claims; any single-bit change of
// a token fails on both sides with the same code. Strings are whole graphemes: a lone surrogate
// has no UTF-8 form (Go would read U+FFFD where JavaScript keeps the surrogate).
const LEASE_RUNS = 300; // per property; an Ed25519 verification costs about a millisecond
const leaseParams = { ...params, numRuns: LEASE_RUNS };
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const word = (min: number) =>
  fc.oneof(
    fc.string({ unit: 'grapheme', minLength: min, maxLength: 24 }),
    fc.string({ unit: fc.constantFrom(...ALNUM, '_', '-', ' '), minLength: min, maxLength: 16 }),
  );
const leaseCase = fc
  .record({
    v: fc.integer({ min: 1, max: 3 }),
    iss: word(1),
    sub: word(1),
    edn: word(1),
    ent: fc.array(word(0), { maxLength: 4 }),
    max: fc.integer({ min: 1, max: MAX_SAFE }),
    mid: fc.string({ unit: fc.constantFrom(...B64URL), minLength: 22, maxLength: 22 }),
    iat: fc.oneof(fc.integer({ min: 0, max: 4_000_000_000 }), fc.constant(MAX_SAFE - 10)),
    lifetime: fc.oneof(fc.constant(30 * 86_400), fc.integer({ min: 1, max: 10 })),
    upd: fc.option(fc.integer({ min: 0, max: MAX_SAFE }), { nil: null }),
    jti: word(1),
  })
  .chain(({ lifetime, ...c }) => {
    const exp = Math.min(c.iat + lifetime, MAX_SAFE);
    const claims: LeaseClaims = { ...c, exp };
    return fc.record({
      claims: fc.constant(claims),
      now: fc.integer({ min: Math.max(0, c.iat - LEASE_MAX_CLOCK_SKEW_SECONDS), max: exp - 1 }),
      seed: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      kid: word(1),
      implicit: fc.oneof(fc.constant('local-memory'), word(0)),
    });
  });
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const printable = (claims: LeaseClaims, kid: string) =>
  /^[\x20-\x7e]*$/.test(JSON.stringify(claims) + kid);
function tsCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isDownloadKeysError(error)) return error.code;
    throw error;
  }
  return 'ACCEPTED';
}
/**
 * verifyLease of ./lease (isomorphic), held equal (claims or error code) to verifyLease of ./node
 * (node:crypto) on the same input, so that every comparison with Go below holds for both.
 */
function verifyLease(token: string, keyset: LeaseKeyset, options: VerifyLeaseOptions): LeaseClaims {
  const answer = (verify: typeof isomorphicVerifyLease) => {
    try {
      return verify(token, keyset, options);
    } catch (error) {
      if (isDownloadKeysError(error)) return error.code;
      throw error;
    }
  };
  expect(answer(nodeVerifyLease)).toEqual(answer(isomorphicVerifyLease));
  return isomorphicVerifyLease(token, keyset, options);
}

describe(`leases: TypeScript (both verifiers) and Go sign and verify alike (fast-check, seed ${SEED})`, () => {
  it('a TypeScript-signed lease verifies in Go, a Go-signed lease in TypeScript', async () => {
    await fc.assert(
      fc.asyncProperty(leaseCase, async ({ claims, now, seed, kid, implicit }) => {
        const privateKey = ed25519PrivateKeyFromSeed(seed);
        const publicKey = rawPublicKey(privateKey);
        const tsLease = signLease(claims, privateKey, { kid, implicit });
        const goAnswer = await go.ask({
          op: 'lease-sign',
          claims,
          seed: hex(seed),
          kid,
          implicit,
        });
        expect(goAnswer.error).toBeUndefined();
        const goLease = goAnswer.lease as string;
        // Same key, same bytes: Ed25519 gives the same token (JSON escapes differ only beyond
        // printable ASCII, e.g. Go writes U+2028 as \u2028).
        if (printable(claims, kid)) expect(goLease).toBe(tsLease);
        expect(verifyLease(goLease, { [kid]: publicKey }, { now, implicit })).toEqual(claims);
        expect(
          await go.ask({
            op: 'lease-verify',
            lease: tsLease,
            publicKey: hex(publicKey),
            kid,
            implicit,
            unixSeconds: now,
          }),
        ).toEqual({ claims });
      }),
      leaseParams,
    );
  });

  it('any single-bit change of a lease fails in both, with the same code', async () => {
    const arbitrary = leaseCase.chain((c) =>
      fc.record({ c: fc.constant(c), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ c, at, bit }) => {
        const privateKey = ed25519PrivateKeyFromSeed(c.seed);
        const publicKey = rawPublicKey(privateKey);
        const token = signLease(c.claims, privateKey, { kid: c.kid, implicit: c.implicit });
        const i = at % token.length;
        const flipped =
          token.slice(0, i) +
          String.fromCharCode(token.charCodeAt(i) ^ (1 << bit)) +
          token.slice(i + 1);
        const options = { now: c.now, implicit: c.implicit };
        const code = tsCode(() => verifyLease(flipped, { [c.kid]: publicKey }, options));
        expect(code).not.toBe('ACCEPTED');
        expect(
          await go.ask({
            op: 'lease-verify',
            lease: flipped,
            publicKey: hex(publicKey),
            kid: c.kid,
            implicit: c.implicit,
            unixSeconds: c.now,
          }),
        ).toEqual({ error: code });
      }),
      leaseParams,
    );
  });

  it('expiry and the clock rule agree at their edges', async () => {
    await fc.assert(
      fc.asyncProperty(leaseCase, fc.integer({ min: -400, max: 400 }), async (c, delta) => {
        const privateKey = ed25519PrivateKeyFromSeed(c.seed);
        const publicKey = rawPublicKey(privateKey);
        const token = signLease(c.claims, privateKey, { kid: c.kid, implicit: c.implicit });
        const edge = delta % 2 === 0 ? c.claims.exp : c.claims.iat - LEASE_MAX_CLOCK_SKEW_SECONDS;
        const now = Math.max(0, Math.min(MAX_SAFE, edge + (delta >> 1)));
        const code = tsCode(() =>
          verifyLease(token, { [c.kid]: publicKey }, { now, implicit: c.implicit }),
        );
        const answer = await go.ask({
          op: 'lease-verify',
          lease: token,
          publicKey: hex(publicKey),
          kid: c.kid,
          implicit: c.implicit,
          unixSeconds: now,
        });
        expect(answer.error ?? 'ACCEPTED').toBe(code);
      }),
      leaseParams,
    );
  });
});
