import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import type { Log } from '../log.js';
import { onError } from './errors.js';
import type { AppEnv } from './types.js';

describe('onError', () => {
  it('answers 500 internal_error and logs the error with its causes', async () => {
    const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() } as unknown as Log;
    const app = new Hono<AppEnv>();
    app.use((c, next) => {
      c.set('log', log);
      return next();
    });
    app.get('/', () => {
      throw new Error('the ledger write failed', {
        cause: new TypeError('socket hang up', { cause: new Error('ECONNRESET') }),
      });
    });
    app.onError(onError);
    const response = await app.request('/');
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { code: 'internal_error' } });
    expect(log.error).toHaveBeenCalledWith('unexpected error', {
      error: 'Error',
      message: 'the ledger write failed',
      cause: 'TypeError: socket hang up <- Error: ECONNRESET',
    });
  });
});
