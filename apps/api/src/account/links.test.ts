// Sign-in links without HTTP: dynalite for the ledger, the clock passed in.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useLedgerTable } from '../testing/ledgerTable.js';
import { isAccountError } from './errors.js';
import { LINK_TTL_SECONDS, Links } from './links.js';

const KEY = 'TEST-ONLY-links-suite-account-link-key-000000000';
let clock = Date.UTC(2026, 0, 1);
const ledger = useLedgerTable('links');

const links = (key = KEY) =>
  new Links({ client: ledger.client, table: ledger.table, key, now: () => clock });

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (isAccountError(error)) return error.code;
    throw error;
  }
  return 'ok';
}

describe('Links', () => {
  it('issues `{id}.{expiresAt}.{HMAC-SHA256}` over a domain-separated message, valid 15 minutes', async () => {
    const { token, expiresAt } = await links().issue('jane@example.com');
    const [id, expires, signature] = token.split('.') as [string, string, string];
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Number(expires)).toBe(expiresAt);
    expect(expiresAt).toBe(Math.floor(clock / 1000) + LINK_TTL_SECONDS);
    const expected = createHmac('sha256', KEY)
      .update(`local-memory account link v1\n${id}\n${expires}`)
      .digest('base64url');
    expect(signature).toBe(expected);
    expect(await links().redeem(token)).toBe('jane@example.com');
  });

  it('redeems once; then link_used', async () => {
    const { token } = await links().issue('once@example.com');
    expect(await codeOf(links().redeem(token))).toBe('ok');
    expect(await codeOf(links().redeem(token))).toBe('link_used');
  });

  it('expires at 15 minutes to the second', async () => {
    const start = clock;
    try {
      const { token: a } = await links().issue('a@example.com');
      const { token: b } = await links().issue('b@example.com');
      clock = start + LINK_TTL_SECONDS * 1000 - 1000;
      expect(await codeOf(links().redeem(a))).toBe('ok');
      clock = start + LINK_TTL_SECONDS * 1000;
      expect(await codeOf(links().redeem(b))).toBe('link_expired');
    } finally {
      clock = start;
    }
  });

  it('knows no link signed with another key, or one it never issued', async () => {
    const { token } = await links('TEST-ONLY-another-account-link-key-00000000000').issue(
      'other@example.com',
    );
    expect(await codeOf(links().redeem(token))).toBe('link_unknown');
    // Correctly signed, never stored (a key leak would allow it; nothing else does).
    const id = 'C'.repeat(22);
    const expires = Math.floor(clock / 1000) + 60;
    const signature = createHmac('sha256', KEY)
      .update(`local-memory account link v1\n${id}\n${expires}`)
      .digest('base64url');
    expect(await codeOf(links().redeem(`${id}.${expires}.${signature}`))).toBe('link_unknown');
    for (const junk of ['', '...', 'a.b.c', `${id}.0.${signature}`, `${token}.x`]) {
      expect(await codeOf(links().redeem(junk)), junk).toBe('link_unknown');
    }
  });
});
