// Account sessions without HTTP: dynalite for the ledger, the clock passed in.
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { useLedgerTable } from '../testing/ledgerTable.js';
import { isAccountError } from './errors.js';
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, Sessions } from './sessions.js';

let clock = Date.UTC(2026, 0, 1);
const ledger = useLedgerTable('sessions');

const sessions = () =>
  new Sessions({ client: ledger.client, table: ledger.table, now: () => clock });

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (isAccountError(error)) return error.code;
    throw error;
  }
  return 'ok';
}

describe('Sessions', () => {
  it('stores a digest of the id, never the id, with a TTL no later than the idle end', async () => {
    const { id, session } = await sessions().create('jane@example.com');
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session).toEqual({
      email: 'jane@example.com',
      expiresAt: Math.floor(clock / 1000) + SESSION_ABSOLUTE_SECONDS,
    });
    const { Items = [] } = await ledger.client.send(new ScanCommand({ TableName: ledger.table }));
    expect(JSON.stringify(Items)).not.toContain(id);
    const item = Items.find((i) => i.email?.S === 'jane@example.com');
    expect(item?.id?.S).toMatch(/^account-session#[A-Za-z0-9_-]{43}$/);
    expect(Number(item?.expiration?.N)).toBe(Math.floor(clock / 1000) + SESSION_IDLE_SECONDS + 60);
  });

  it('makes a new id every time', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await sessions().create('same@example.com')).id);
    expect(ids.size).toBe(5);
  });

  it('slides the idle end on use, and ends at the idle or the absolute limit', async () => {
    const start = clock;
    try {
      const { id } = await sessions().create('slide@example.com');
      clock = start + (SESSION_IDLE_SECONDS - 1) * 1000;
      expect(await codeOf(sessions().authenticate(id))).toBe('ok');
      clock += (SESSION_IDLE_SECONDS - 1) * 1000;
      expect(await codeOf(sessions().authenticate(id))).toBe('ok');
      clock += SESSION_IDLE_SECONDS * 1000;
      expect(await codeOf(sessions().authenticate(id))).toBe('not_signed_in');
      clock = start;
      const { id: busy } = await sessions().create('busy@example.com');
      for (let at = 0; at < SESSION_ABSOLUTE_SECONDS; at += SESSION_IDLE_SECONDS - 60) {
        clock = start + at * 1000;
        expect(await codeOf(sessions().authenticate(busy))).toBe('ok');
      }
      clock = start + SESSION_ABSOLUTE_SECONDS * 1000;
      expect(await codeOf(sessions().authenticate(busy))).toBe('not_signed_in');
    } finally {
      clock = start;
    }
  });

  it('ends on sign-out; unknown and malformed ids are not signed in', async () => {
    const { id } = await sessions().create('out@example.com');
    await sessions().end(id);
    expect(await codeOf(sessions().authenticate(id))).toBe('not_signed_in');
    for (const bad of [undefined, '', 'x', 'D'.repeat(43), `${id}x`]) {
      expect(await codeOf(sessions().authenticate(bad))).toBe('not_signed_in');
    }
    await sessions().end('never-issued');
  });
});
