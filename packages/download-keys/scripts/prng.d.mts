/** mulberry32: a seeded generator of numbers in [0, 1), for reproducible test inputs. */
export function prng(seed: number): () => number;
