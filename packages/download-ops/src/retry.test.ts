import { describe, expect, it } from 'vitest';
import { isRetryable, withRetry } from './retry.js';

const http = (status: number, name = 'Error') =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('withRetry', () => {
  it('tries three times with exponential, jittered, capped delays, then gives up', async () => {
    const delays: number[] = [];
    let calls = 0;
    const failure = http(503, 'SlowDown');
    await expect(
      withRetry(
        async () => {
          calls++;
          throw failure;
        },
        { sleep: async (ms) => void delays.push(ms), random: () => 1, baseDelayMs: 200 },
      ),
    ).rejects.toBe(failure);
    expect(calls).toBe(3);
    expect(delays).toEqual([200, 400]);
    expect((failure as { $attempts?: number }).$attempts).toBe(3);
  });

  it('applies full jitter and the cap', async () => {
    const delays: number[] = [];
    await expect(
      withRetry(
        async () => {
          throw http(500);
        },
        {
          attempts: 5,
          baseDelayMs: 1000,
          maxDelayMs: 3000,
          random: () => 0.5,
          sleep: async (ms) => void delays.push(ms),
        },
      ),
    ).rejects.toThrow();
    expect(delays).toEqual([500, 1000, 1500, 1500]);
  });

  it('returns the first success', async () => {
    let calls = 0;
    const value = await withRetry(
      async (attempt) => {
        calls++;
        if (attempt < 2) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
        return 'done';
      },
      { sleep: async () => undefined },
    );
    expect(value).toBe('done');
    expect(calls).toBe(2);
  });

  it('does not retry what cannot succeed on a second try', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw http(403, 'AccessDenied');
        },
        { sleep: async () => undefined },
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(calls).toBe(1);
  });
});

describe('isRetryable', () => {
  it.each([
    [http(500), true],
    [http(503), true],
    [http(429), true],
    [http(408), true],
    [http(404), false],
    [http(403), false],
    [http(400), false],
    [Object.assign(new Error('x'), { code: 'ECONNRESET' }), true],
    [Object.assign(new Error('x'), { code: 'ENOENT' }), false],
    [Object.assign(new Error('x'), { name: 'TimeoutError' }), true],
    [new Error('plain'), false],
    ['a string', false],
    [null, false],
  ])('%# is %s', (error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});
