import { describe, expect, it } from 'vitest';
import { seededRandom } from './prng.js';

const take = (next: () => number, n: number) => Array.from({ length: n }, next);

describe('seededRandom', () => {
  it('repeats its sequence for a seed, and another seed gives another sequence', () => {
    expect(take(seededRandom(42), 8)).toEqual(take(seededRandom(42), 8));
    expect(take(seededRandom(42), 8)).not.toEqual(take(seededRandom(43), 8));
  });

  it('stays in [0, 1) and spreads over it', () => {
    const values = take(seededRandom(7), 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const low = values.filter((v) => v < 0.5).length;
    expect(low).toBeGreaterThan(4_500);
    expect(low).toBeLessThan(5_500);
  });

  it('refuses a seed that is not an integer, naming it', () => {
    expect(() => seededRandom(1.5)).toThrow(TypeError);
    expect(() => seededRandom(Number.NaN)).toThrow(/seed must be an integer, got NaN/);
  });
});
