import { describe, expect, it } from 'vitest';
import { accountUnavailable } from './account/errors.js';
import { ConfigError } from './config/config.js';
import { ApiError, RequestError } from './errors.js';
import { FulfilmentError } from './fulfilment/errors.js';
import { licensingUnavailable } from './licensing/errors.js';
import { SigningKeyError } from './licensing/signer.js';
import { stripeUnavailable } from './stripe/client.js';

describe('ApiError', () => {
  it('is the base of every error class of the API', () => {
    const errors = [
      new RequestError('bad_request', 'x'),
      new FulfilmentError('not_found', 'x'),
      licensingUnavailable(new Error('down')),
      accountUnavailable(new Error('down')),
      new ConfigError(['LEDGER_TABLE is not set']),
      new SigningKeyError('not a key'),
    ];
    for (const error of errors) expect(error).toBeInstanceOf(ApiError);
    expect(errors.map((e) => e.code)).toEqual([
      'bad_request',
      'not_found',
      'licensing_unavailable',
      'unavailable',
      'INVALID_CONFIG',
      'INVALID_SIGNING_KEY',
    ]);
  });

  it('keeps the error it wraps as its cause', () => {
    const sdk = new Error('connect ECONNREFUSED 127.0.0.1:12111');
    expect(stripeUnavailable(sdk).cause).toBe(sdk);
    expect(licensingUnavailable(sdk).cause).toBe(sdk);
    expect(accountUnavailable(sdk).cause).toBe(sdk);
    expect(new FulfilmentError('upstream_unavailable', 'x', 30, { cause: sdk }).cause).toBe(sdk);
    expect(new ConfigError(['x'], { cause: sdk }).cause).toBe(sdk);
  });

  it('has no cause when it wraps nothing, and says when to retry', () => {
    const error = new FulfilmentError('payment_pending', 'wait', 10);
    expect('cause' in error).toBe(false);
    expect(error.retryAfter).toBe(10);
    expect(stripeUnavailable(new Error('x')).retryAfter).toBe(30);
  });
});
