import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { OpsError } from './errors.js';
import { isRetryable, withRetry } from './retry.js';

const http = (status: number, name = 'Error') =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('isRetryable', () => {
  it('reads our own errors by their retryable flag, not by their shape', () => {
    expect(
      isRetryable(new OpsError('GET x answered 503', 'HTTP_STATUS', { retryable: true })),
    ).toBe(true);
    expect(isRetryable(new OpsError('GET x answered 404', 'HTTP_STATUS'))).toBe(false);
    expect(isRetryable(new OpsError('x sent nothing', 'FETCH_TIMEOUT', { retryable: true }))).toBe(
      true,
    );
    // A cause that would be retried on its own does not make a final answer retryable.
    const reset = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    expect(isRetryable(new OpsError('too large', 'TOO_LARGE', { cause: reset }))).toBe(false);
  });

  it('retries throttling, 5xx and network codes, on the error or in its cause', () => {
    expect(isRetryable(http(503, 'SlowDown'))).toBe(true);
    expect(isRetryable(http(500))).toBe(true);
    expect(isRetryable(http(429))).toBe(true);
    expect(isRetryable(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    // Node's fetch: TypeError('fetch failed') with the socket error as its cause.
    const fetchFailed = new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    expect(isRetryable(fetchFailed)).toBe(true);
    expect(isRetryable(Object.assign(new Error('slow'), { name: 'TimeoutError' }))).toBe(true);
  });

  it('does not retry what a second try cannot fix', () => {
    expect(isRetryable(http(403, 'AccessDenied'))).toBe(false);
    expect(isRetryable(http(404, 'NoSuchBucket'))).toBe(false);
    expect(isRetryable(Object.assign(new Error('x'), { code: 'TOO_LARGE' }))).toBe(false);
    expect(isRetryable(new TypeError('undefined is not a function'))).toBe(false);
    expect(isRetryable(null)).toBe(false);
  });
});

describe('withRetry (p-retry)', () => {
  it('retries a real fetch failure (connection reset) and then succeeds', async () => {
    // A TCP server that resets the first two connections and answers the third.
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      if (connections <= 2) {
        socket.resetAndDestroy();
        return;
      }
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as import('node:net').AddressInfo;
    const retries: number[] = [];
    const text = await withRetry(async () => (await fetch(`http://127.0.0.1:${port}/`)).text(), {
      baseDelayMs: 10,
      onRetry: (attempt) => retries.push(attempt),
    });
    server.close();
    expect(text).toBe('ok');
    expect(connections).toBe(3);
    expect(retries).toEqual([1, 2]);
  });

  it('gives up after the attempts, saying how many, and never retries a permanent failure', async () => {
    let calls = 0;
    const failure = http(503, 'SlowDown');
    await expect(
      withRetry(
        async () => {
          calls++;
          throw failure;
        },
        { attempts: 3, baseDelayMs: 1 },
      ),
    ).rejects.toBe(failure);
    expect(calls).toBe(3);
    expect((failure as { $attempts?: number }).$attempts).toBe(3);

    let denied = 0;
    await expect(
      withRetry(
        async () => {
          denied++;
          throw http(403, 'AccessDenied');
        },
        { baseDelayMs: 1 },
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(denied).toBe(1);
  });
});
