// mulberry32: a small seeded generator, so generated test inputs are the same on every run.
// Good enough to spread inputs; never for secrets.

/** @param {number} seed @returns {() => number} a generator of numbers in [0, 1) */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
