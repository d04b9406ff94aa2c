import { apiErrorCodes } from '@local-memory/contract';
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../config/config.js';
import { RequestError } from '../errors.js';
import { FulfilmentError } from '../fulfilment/errors.js';
import type { Log } from '../log.js';
import { onError, STATUS } from './errors.js';
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

  function appThrowing(error: Error, log: Log) {
    const app = new Hono<AppEnv>();
    app.use((c, next) => {
      c.set('log', log);
      return next();
    });
    app.get('/', () => {
      throw error;
    });
    app.onError(onError);
    return app;
  }

  it('answers a refusal thrown by a route with its code, status and Retry-After', async () => {
    const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() } as unknown as Log;
    const upstream = new Error('connect ECONNREFUSED');
    const app = appThrowing(
      new FulfilmentError('upstream_unavailable', 'Stripe could not be reached', 30, {
        cause: upstream,
      }),
      log,
    );
    const response = await app.request('/');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.json()).toEqual({
      error: { code: 'upstream_unavailable', message: 'Stripe could not be reached' },
    });
    expect(log.warn).toHaveBeenCalledWith('request failed', {
      code: 'upstream_unavailable',
      cause: 'Error',
    });
  });

  it('answers a request refusal (origin, signature, path) with its status', async () => {
    const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() } as unknown as Log;
    const app = appThrowing(new RequestError('cross_site_request', 'Start from the site'), log);
    const response = await app.request('/');
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: 'cross_site_request', message: 'Start from the site' },
    });
  });

  it('never puts a start-up code on the wire: a ConfigError in a request is a 500', async () => {
    const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() } as unknown as Log;
    const app = appThrowing(new ConfigError(['LEDGER_TABLE: missing']), log);
    const response = await app.request('/');
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { code: 'internal_error' } });
  });
});

describe("the API's error codes", () => {
  // The code → status table is the API's list of what it answers; the contract is the client's.
  // A code added on one side only fails here (and as a type error where a route answers it).
  it('the status table has exactly the contract codes', () => {
    expect(Object.keys(STATUS).sort()).toEqual([...apiErrorCodes()].sort());
  });
});
