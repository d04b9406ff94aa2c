/**
 * Waiting by item, in arrival order, for the transaction proxy: a request runs once the earlier
 * requests it conflicts with are done. Requests naming items conflict on a shared item; a request
 * that may read any item conflicts with every transaction, and a transaction with every such
 * request. Everything else runs side by side. Each request waits only on requests that arrived
 * before it, so no two can wait on each other.
 * @module
 */

/** The items a request names, and whether it is a transaction; or `any` item. */
export type LockScope =
  | { readonly transaction: boolean; readonly items: readonly string[] }
  | 'any';

/** Locks for one proxy. */
export interface ItemLocks {
  /** Run `work` once the requests it conflicts with are done. */
  run<T>(scope: LockScope, work: () => Promise<T>): Promise<T>;
}

export function createItemLocks(): ItemLocks {
  /** The last request on each item: the next one on it waits for this. */
  const tails = new Map<string, Promise<void>>();
  const transactions = new Set<Promise<void>>();
  const wide = new Set<Promise<void>>();

  return {
    async run(scope, work) {
      let finish: () => void = () => undefined;
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      const before: Promise<void>[] = [];
      if (scope === 'any') {
        before.push(...transactions);
        wide.add(done);
      } else {
        for (const item of new Set(scope.items)) {
          const tail = tails.get(item);
          if (tail) before.push(tail);
          tails.set(item, done);
        }
        if (scope.transaction) {
          before.push(...wide);
          transactions.add(done);
        }
      }
      try {
        await Promise.all(before);
        return await work();
      } finally {
        finish();
        wide.delete(done);
        transactions.delete(done);
        if (scope !== 'any')
          for (const item of scope.items) if (tails.get(item) === done) tails.delete(item);
      }
    },
  };
}
