import { describe, expect, it } from 'vitest';
import {
  CLOCK_PROBE_PATH,
  chooseClock,
  MAX_TRUSTED_SKEW_MS,
  measureServerSkew,
  type SkewSample,
} from './serverClock';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The true time in these tests; the device clock is this plus its own error. */
const TRUE_NOW = Date.parse('2025-08-24T10:00:00Z');

interface FakeServer {
  readonly fetchImpl: typeof fetch;
  readonly requests: Array<{ url: string; init: RequestInit | undefined }>;
}

/**
 * A server (or a cache in front of it) on a simulated network: the device clock advances by
 * `roundTripMs` during the request, and the answer is stamped at the true midpoint.
 */
function simulated(
  device: { nowMs: number },
  answer: (trueMidpointMs: number) => Response,
  roundTripMs = 40,
  deviceErrorMs = 0,
): FakeServer {
  const requests: FakeServer['requests'] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    requests.push({ url: String(input), init });
    device.nowMs += roundTripMs / 2;
    const response = answer(device.nowMs - deviceErrorMs);
    device.nowMs += roundTripMs / 2;
    return response;
  };
  return { fetchImpl, requests };
}

function dateOnly(headers: Record<string, string>): Response {
  return new Response('User-agent: *\n', { status: 200, headers });
}

function measure(server: FakeServer, device: { nowMs: number }) {
  return measureServerSkew({
    fetchImpl: server.fetchImpl,
    deviceNow: () => device.nowMs,
    nonce: () => 'n0nce',
  });
}

describe('measureServerSkew', () => {
  it('asks /api/time with a cache-busting nonce and no-store, and prefers the body', async () => {
    const device = { nowMs: TRUE_NOW - 3 * HOUR_MS };
    const server = simulated(
      device,
      (t) =>
        Response.json(
          { unixSeconds: t / 1000 },
          // A stale Date must not matter when the body has the time.
          { headers: { date: new Date(t - DAY_MS).toUTCString(), age: '5' } },
        ),
      40,
      -3 * HOUR_MS,
    );
    const sample = await measure(server, device);
    expect(server.requests).toEqual([
      {
        url: `${CLOCK_PROBE_PATH}?nonce=n0nce`,
        init: expect.objectContaining({ method: 'GET', cache: 'no-store' }),
      },
    ]);
    expect(sample).toEqual({ skewMs: 3 * HOUR_MS, errorBoundMs: 20, from: 'body' });
  });

  it('subtracts Age: a Date a day old with Age 86400 is today', async () => {
    const device = { nowMs: TRUE_NOW };
    const server = simulated(device, (t) =>
      // A cache's copy: the origin stamped it a day ago (whole seconds), and says so in Age.
      dateOnly({
        date: new Date(Math.floor((t - DAY_MS) / 1000) * 1000).toUTCString(),
        age: '86400',
      }),
    );
    const sample = await measure(server, device);
    expect(sample?.from).toBe('date-header');
    expect(Math.abs(sample?.skewMs ?? Number.NaN)).toBeLessThanOrEqual(500);
    expect(sample?.errorBoundMs).toBe(520);
    expect(chooseClock(sample)).toMatchObject({ offsetMs: 0, source: 'device' });
  });

  it('gives the right offset from an aged Date when the device is 3 hours behind', async () => {
    const device = { nowMs: TRUE_NOW - 3 * HOUR_MS };
    const server = simulated(
      device,
      (t) =>
        dateOnly({
          date: new Date(Math.floor((t - DAY_MS) / 1000) * 1000).toUTCString(),
          age: '86400',
        }),
      40,
      -3 * HOUR_MS,
    );
    const sample = await measure(server, device);
    expect(Math.abs((sample?.skewMs ?? 0) - 3 * HOUR_MS)).toBeLessThanOrEqual(500);
    expect(chooseClock(sample)).toMatchObject({ source: 'server', offsetMs: sample?.skewMs });
  });

  it.each([
    ['missing', {}],
    ['garbage', { date: 'yesterday-ish' }],
    ['an absurd year', { date: 'Thu, 01 Jan 1970 00:00:00 GMT' }],
    ['a far-future year', { date: 'Fri, 01 Jan 2300 00:00:00 GMT' }],
  ])('keeps the device clock with a %s Date header', async (_name, headers) => {
    const device = { nowMs: TRUE_NOW - 3 * HOUR_MS };
    const server = simulated(device, () => dateOnly(headers as Record<string, string>));
    const sample = await measure(server, device);
    expect(sample).toBeNull();
    expect(chooseClock(sample)).toEqual({ offsetMs: 0, source: 'device', measuredSkewMs: null });
  });

  it('ignores an implausible body and falls back to the Date header', async () => {
    const device = { nowMs: TRUE_NOW };
    const server = simulated(device, (t) =>
      Response.json({ unixSeconds: 42 }, { headers: { date: new Date(t).toUTCString() } }),
    );
    const sample = await measure(server, device);
    expect(sample?.from).toBe('date-header');
    expect(Math.abs(sample?.skewMs ?? Number.NaN)).toBeLessThanOrEqual(1000);
  });

  it('reads an answer in the old milliseconds shape ({ unixMs }) by its Date header', async () => {
    // A page cached before a deploy may meet the new clock, and a new page an old one: neither
    // misreads the other's number, each falls back to the header.
    const device = { nowMs: TRUE_NOW - 3 * HOUR_MS };
    const server = simulated(
      device,
      (t) => Response.json({ unixMs: t }, { headers: { date: new Date(t).toUTCString() } }),
      40,
      -3 * HOUR_MS,
    );
    const sample = await measure(server, device);
    expect(sample?.from).toBe('date-header');
    expect(Math.abs((sample?.skewMs ?? Number.NaN) - 3 * HOUR_MS)).toBeLessThanOrEqual(1000);
  });

  it('treats a malformed Age as absent', async () => {
    const device = { nowMs: TRUE_NOW };
    const server = simulated(device, (t) =>
      dateOnly({ date: new Date(t).toUTCString(), age: '-5000' }),
    );
    const sample = await measure(server, device);
    expect(Math.abs(sample?.skewMs ?? Number.NaN)).toBeLessThanOrEqual(1000);
  });

  it('widens the error bound for a slow answer', async () => {
    const fast = { nowMs: TRUE_NOW };
    const slow = { nowMs: TRUE_NOW };
    const answer = (t: number) => Response.json({ unixSeconds: t / 1000 });
    const quick = await measure(simulated(fast, answer, 100), fast);
    const sluggish = await measure(simulated(slow, answer, 20_000), slow);
    expect(quick?.errorBoundMs).toBe(50);
    expect(sluggish?.errorBoundMs).toBe(10_000);
  });

  it('returns null when offline', async () => {
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await measureServerSkew({ fetchImpl: offline })).toBeNull();
  });
});

describe('chooseClock', () => {
  const sample = (skewMs: number, errorBoundMs = 0): SkewSample => ({
    skewMs,
    errorBoundMs,
    from: 'body',
  });

  it('trusts the device within five minutes and the server beyond', () => {
    expect(chooseClock(null)).toEqual({ offsetMs: 0, source: 'device', measuredSkewMs: null });
    expect(chooseClock(sample(MAX_TRUSTED_SKEW_MS))).toMatchObject({ offsetMs: 0 });
    expect(chooseClock(sample(-MAX_TRUSTED_SKEW_MS - 1))).toMatchObject({
      offsetMs: -MAX_TRUSTED_SKEW_MS - 1,
      source: 'server',
    });
  });

  it('corrects only when the skew exceeds the error bound plus five minutes', () => {
    const skew = MAX_TRUSTED_SKEW_MS + 5_000;
    // A fast answer pins the skew down: correct it.
    expect(chooseClock(sample(skew, 50))).toMatchObject({ source: 'server', offsetMs: skew });
    // A slow one could be off by 10 s either way: the device may be within five minutes.
    expect(chooseClock(sample(skew, 10_000))).toMatchObject({
      source: 'device',
      offsetMs: 0,
      measuredSkewMs: skew,
    });
  });
});
