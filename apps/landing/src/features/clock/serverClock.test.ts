import { describe, expect, it } from 'vitest';
import { chooseClock, MAX_TRUSTED_SKEW_MS, measureServerSkew } from './serverClock';

function fetchWithDate(date: string | null): typeof fetch {
  return async () => new Response(null, { status: 200, headers: date === null ? {} : { date } });
}

describe('server clock', () => {
  it('trusts the device within five minutes and the server beyond', () => {
    expect(chooseClock(null)).toMatchObject({ offsetMs: 0, source: 'device' });
    expect(chooseClock(MAX_TRUSTED_SKEW_MS)).toMatchObject({ offsetMs: 0, source: 'device' });
    expect(chooseClock(-MAX_TRUSTED_SKEW_MS - 1)).toMatchObject({
      offsetMs: -MAX_TRUSTED_SKEW_MS - 1,
      source: 'server',
    });
    expect(chooseClock(3 * 86_400_000)).toMatchObject({
      offsetMs: 3 * 86_400_000,
      source: 'server',
    });
  });

  it('measures the skew from the Date header at the request midpoint', async () => {
    const device = Date.parse('2025-08-24T00:00:00Z');
    const skew = await measureServerSkew(
      fetchWithDate('Tue, 26 Aug 2025 00:00:00 GMT'),
      () => device,
    );
    expect(skew).toBe(2 * 86_400_000 + 500);
  });

  it('returns null without a usable header or network', async () => {
    expect(await measureServerSkew(fetchWithDate(null))).toBeNull();
    expect(await measureServerSkew(fetchWithDate('yesterday-ish'))).toBeNull();
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await measureServerSkew(offline)).toBeNull();
  });
});
