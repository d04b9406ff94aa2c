/**
 * A fixed-window counter per key, in memory. On Lambda each warm instance counts on its own,
 * which still bounds what one client can make one instance do.
 * @module
 */

/** Counts attempts per key. */
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Count one attempt for `key`.
   * @returns whether it is within the limit, and seconds until the window resets
   */
  take(key: string): { ok: boolean; retryAfter: number } {
    const at = this.now();
    let entry = this.hits.get(key);
    if (!entry || entry.resetAt <= at) {
      if (this.hits.size > 10_000) {
        for (const [k, v] of this.hits) if (v.resetAt <= at) this.hits.delete(k);
      }
      entry = { count: 0, resetAt: at + this.windowMs };
      this.hits.set(key, entry);
    }
    entry.count++;
    return {
      ok: entry.count <= this.limit,
      retryAfter: Math.max(1, Math.ceil((entry.resetAt - at) / 1000)),
    };
  }
}
