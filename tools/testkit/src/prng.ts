/**
 * A small seeded generator (a Weyl sequence through MurmurHash3's finaliser), so that generated
 * test inputs and injected faults repeat on every run and a failing run can be replayed. Good
 * enough to spread inputs; never for secrets.
 * @module
 */

/**
 * A generator of numbers in [0, 1) from `seed`.
 * @param seed - any integer; the same seed gives the same sequence
 * @throws TypeError when `seed` is not an integer
 * @example
 *   const random = seededRandom(20251124);
 *   random(); // the same first number on every run
 */
export function seededRandom(seed: number): () => number {
  if (!Number.isInteger(seed)) {
    throw new TypeError(`seededRandom: seed must be an integer, got ${String(seed)}`);
  }
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4_294_967_296;
  };
}
