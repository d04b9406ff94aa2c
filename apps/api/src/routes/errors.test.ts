import {
  ACCOUNT_ERROR_CODES,
  FULFILMENT_ERROR_CODES,
  LICENSING_ERROR_CODES,
} from '@local-memory/contract';
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { ACCOUNT_STATUS } from '../account/errors.js';
import { LICENSING_STATUS } from '../licensing/errors.js';
import type { Log } from '../log.js';
import { FULFILMENT_STATUS, onError } from './errors.js';
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

describe("the API's error codes", () => {
  // The code → status tables are the API's list of what it answers; the contract is the client's.
  // A code added on one side only fails here (and as a type error where a route answers it).
  it.each([
    ['fulfilment', FULFILMENT_STATUS, FULFILMENT_ERROR_CODES],
    ['account', ACCOUNT_STATUS, ACCOUNT_ERROR_CODES],
    ['licensing', LICENSING_STATUS, LICENSING_ERROR_CODES],
  ])('%s: the status table has exactly the contract codes', (_name, table, codes) => {
    expect(Object.keys(table).sort()).toEqual([...codes].sort());
  });
});
