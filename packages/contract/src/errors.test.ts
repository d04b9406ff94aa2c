import { describe, expect, it } from 'vitest';
import { apiErrorCodes, PURCHASE_LOOKUP_ERROR_CODES, readError } from './errors.js';

describe('readError', () => {
  it("reads the contract's error body with a code of the route", () => {
    const body = { error: { code: 'payment_pending', message: 'Wait', extra: 1 } };
    expect(readError(body, PURCHASE_LOOKUP_ERROR_CODES)).toEqual(body.error);
  });

  it.each([
    ['an HTML page (not JSON)', null],
    ['a JSON body without error', { message: 'Forbidden' }],
    ['an error without a code', { error: { message: 'Forbidden' } }],
    ['a code this route never answers', { error: { code: 'link_used', message: 'x' } }],
    ['a code without a message', { error: { code: 'refunded' } }],
    ['an error that is a string', { error: 'refunded' }],
  ])('refuses %s', (_name, body) => {
    expect(readError(body, PURCHASE_LOOKUP_ERROR_CODES)).toBeNull();
  });
});

describe('the code lists', () => {
  it('list every code once', () => {
    const codes = apiErrorCodes();
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(expect.arrayContaining([...PURCHASE_LOOKUP_ERROR_CODES]));
  });
});
