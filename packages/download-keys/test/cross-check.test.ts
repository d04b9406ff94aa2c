// TS <-> Go cross-check: >= 10,000 seeded cases through one Go batch process; both
// implementations must agree on every output and every verdict.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { buildGoReference } from '../scripts/build-go.mjs';
import { prng } from '../scripts/prng.mjs';
import {
  downloadHash,
  downloadPath,
  generateLicenseKey,
  isCheckoutSessionId,
  isDownloadKeysError,
  linkExpiresAt,
  MAX_WINDOW,
  PLATFORMS,
  timeWindowAt,
  validateLicenseKeyFormat,
  verifyLicenseKey,
} from '../src/index.js';

const CASES_PER_OP = 2_000;

const rand = prng(20261125);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALPHABETS = [
  ALNUM,
  '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ ',
  'äöüßéèêçñøåæœÆØÅ',
  'Ωπλφψжшщюя日本語中文한국어',
  '🔑🚀✨🙂👍🏽',
  '\t\n\u00a0\u200b',
];
const text = (alphabet: string, length: number) => {
  const chars = Array.from(alphabet);
  return Array.from({ length }, () => pick(chars)).join('');
};
const secret = () =>
  Array.from({ length: 1 + int(3) }, () =>
    text(pick(ALPHABETS), 1 + int(int(3) === 0 ? 120 : 40)),
  ).join('');
const sessionId = () =>
  `cs_${pick(['test', 'live'])}_${text(ALNUM, 1 + int(int(4) === 0 ? 247 : 60))}`;
const KEY_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ234690178Oabc-_ é<';

function corrupt(key: string): string {
  const chars = Array.from(key);
  switch (int(6)) {
    case 0: // substitute one character
      chars[int(chars.length)] = pick(Array.from(KEY_CHARS));
      return chars.join('');
    case 1:
      return key.toLowerCase();
    case 2: // drop a group: the old documentation's 4-segment form
      return key
        .split('-')
        .filter((_, i) => i !== 4)
        .join('-');
    case 3:
      return key.slice(0, int(key.length));
    case 4:
      return `${key}${pick(Array.from(KEY_CHARS))}`;
    default: // swap two groups: well-formed, cryptographically wrong
      return key.replace(/^(LM-)(\w{4})-(\w{4})/, '$1$3-$2');
  }
}

type Case = Record<string, unknown> & { op: string };
function errorCode(fn: () => unknown): Record<string, unknown> {
  try {
    return { value: fn() };
  } catch (error) {
    if (isDownloadKeysError(error)) return { error: error.code };
    throw error;
  }
}

/** What the TypeScript library says about a case, in the batch protocol's answer shape. */
function expected(c: Case): Record<string, unknown> {
  const s = c.secret as string;
  switch (c.op) {
    case 'license': {
      const r = errorCode(() => generateLicenseKey(c.sessionId as string, s));
      return 'error' in r ? r : { key: r.value };
    }
    case 'verify': {
      const r = errorCode(() => verifyLicenseKey(c.key as string, c.sessionId as string, s));
      return 'error' in r ? r : { match: r.value };
    }
    case 'format': {
      const r = validateLicenseKeyFormat(c.key as string);
      return { valid: r.valid, problems: r.problems.map((p) => p.code) };
    }
    case 'hash': {
      const args = [s, c.window as number, c.platform as (typeof PLATFORMS)[number]] as const;
      const r = errorCode(() => downloadHash(...args));
      return 'error' in r ? r : { hash: r.value, tail: downloadPath(...args) };
    }
    case 'window': {
      const r = errorCode(() => timeWindowAt(c.unixSeconds as number));
      return 'error' in r
        ? r
        : { window: r.value, expiresAt: linkExpiresAt(c.unixSeconds as number) };
    }
    case 'session':
      return { valid: isCheckoutSessionId(c.sessionId) };
  }
  throw new Error(`unknown op ${c.op}`);
}

function generateCases(): Case[] {
  const out: Case[] = [];
  for (let i = 0; i < CASES_PER_OP; i++) {
    const sid =
      int(20) === 0 ? pick(['cs_test_', 'pi_123', 'cs_test_a_b', 'CS_TEST_x']) : sessionId();
    const sec = secret();
    out.push({ op: 'license', sessionId: sid, secret: sec });
    // Verification is only compared where the TS normaliser leaves the candidate unchanged:
    // the Go reference (like the product binary) compares exactly what it is given.
    const key = isCheckoutSessionId(sid)
      ? generateLicenseKey(sid, sec)
      : 'LM-AAAA-AAAA-AAAA-AAAA-AAAA';
    const candidate = int(2) === 0 ? key : corrupt(key).toUpperCase().replace(/\s/g, '');
    out.push({ op: 'verify', key: candidate, sessionId: sid, secret: sec });
    out.push({ op: 'format', key: int(3) === 0 ? key : corrupt(key) });
    const window = pick([
      0,
      1,
      40648,
      MAX_WINDOW,
      int(100_000),
      int(MAX_WINDOW),
      -1 - int(5),
      MAX_WINDOW + 1,
    ]);
    const platform = int(25) === 0 ? pick(['beos', 'MacOS', 'linux ']) : pick(PLATFORMS);
    out.push({ op: 'hash', secret: sec, window, platform });
    const unixSeconds = pick([
      0,
      43_199,
      43_200,
      int(4_000_000_000),
      (int(90_000) + 1) * 43_200 - int(2),
      -1,
    ]);
    out.push({ op: 'window', unixSeconds });
  }
  for (let i = 0; i < 200; i++) {
    out.push({ op: 'session', sessionId: int(2) ? sessionId() : corrupt(sessionId()) });
  }
  return out;
}

describe('TypeScript library agrees with the Go reference', () => {
  it('on >= 10,000 generated cases', () => {
    const binary = buildGoReference() as string;
    const cases = generateCases();
    expect(cases.length).toBeGreaterThanOrEqual(10_000);
    const run = spawnSync(binary, ['batch'], {
      input: `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(run.status, run.stderr).toBe(0);
    const answers = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(answers).toHaveLength(cases.length);
    const disagreements: string[] = [];
    const verdicts = { valid: 0, invalid: 0, errors: 0 };
    cases.forEach((c, i) => {
      const want = expected(c);
      if ('error' in want) verdicts.errors++;
      else if (want.valid === false || want.match === false) verdicts.invalid++;
      else verdicts.valid++;
      if (JSON.stringify(answers[i]) !== JSON.stringify(sortKeys(want))) {
        disagreements.push(
          `${JSON.stringify(c).slice(0, 200)}\n  ts: ${JSON.stringify(want)}\n  go: ${JSON.stringify(answers[i])}`,
        );
      }
    });
    expect(disagreements.slice(0, 5)).toEqual([]);
    // The generator must exercise every kind of verdict, or the agreement proves little.
    expect(verdicts.valid).toBeGreaterThan(1_000);
    expect(verdicts.invalid).toBeGreaterThan(1_000);
    expect(verdicts.errors).toBeGreaterThan(100);
  });
});

/** Go's encoding/json writes map keys sorted; compare in the same order. */
function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}
