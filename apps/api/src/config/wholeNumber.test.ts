import { describe, expect, it } from 'vitest';
import { wholeNumberInRange } from './wholeNumber.js';

describe('wholeNumberInRange', () => {
  it('gives the fallback when unset or empty, and the value when in range', () => {
    const problems: string[] = [];
    expect(wholeNumberInRange({}, 'LIMIT', 7, problems, 1)).toBe(7);
    expect(wholeNumberInRange({ LIMIT: '' }, 'LIMIT', 7, problems, 1)).toBe(7);
    expect(wholeNumberInRange({ LIMIT: '900' }, 'LIMIT', 7, problems, 0, 900)).toBe(900);
    expect(wholeNumberInRange({ LIMIT: '0' }, 'LIMIT', 7, problems, 0, 900)).toBe(0);
    expect(problems).toEqual([]);
  });

  it('names the variable, the range and what was given for anything else', () => {
    const problems: string[] = [];
    for (const text of ['0', '-1', '1.5', 'ten', '1e400']) {
      expect(wholeNumberInRange({ LIMIT: text }, 'LIMIT', 7, problems, 1)).toBeUndefined();
    }
    expect(wholeNumberInRange({ LIMIT: '901' }, 'LIMIT', 7, problems, 0, 900)).toBeUndefined();
    expect(problems).toEqual([
      'LIMIT must be a whole number above 0, got "0"',
      'LIMIT must be a whole number above 0, got "-1"',
      'LIMIT must be a whole number above 0, got "1.5"',
      'LIMIT must be a whole number above 0, got "ten"',
      'LIMIT must be a whole number above 0, got "1e400"',
      'LIMIT must be a whole number from 0 to 900, got "901"',
    ]);
  });
});
