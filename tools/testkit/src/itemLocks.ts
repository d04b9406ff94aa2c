/**
 * Waiting by item, in arrival order, for the transaction proxy: a request runs once the earlier
 * requests it conflicts with are done. Only transactions need it: a transaction is several
 * dynalite writes, while a single-item request (GetItem, PutItem, UpdateItem, DeleteItem) is
 * already atomic in dynalite, which locks the item for each write. So a transaction conflicts
 * with every request naming one of its items, and with every request that may read any item;
 * single-item requests on the same item do not conflict with one another and run side by side,
 * as on DynamoDB. Each request waits only on requests that arrived before it, so no two can wait
 * on each other.
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

/** One item's waiting line: its last transaction, and the requests that came after it. */
interface ItemLine {
  transaction: Promise<void> | undefined;
  readonly since: Set<Promise<void>>;
}

export function createItemLocks(): ItemLocks {
  const lines = new Map<string, ItemLine>();
  const transactions = new Set<Promise<void>>();
  const wide = new Set<Promise<void>>();

  return {
    async run(scope, work) {
      let finish: () => void = () => undefined;
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      const before: Promise<void>[] = [];
      const items = scope === 'any' ? [] : [...new Set(scope.items)];
      if (scope === 'any') {
        before.push(...transactions);
        wide.add(done);
      } else {
        for (const item of items) {
          let line = lines.get(item);
          if (!line) {
            line = { transaction: undefined, since: new Set() };
            lines.set(item, line);
          }
          if (line.transaction) before.push(line.transaction);
          if (scope.transaction) {
            before.push(...line.since);
            line.transaction = done;
            line.since.clear();
          } else {
            line.since.add(done);
          }
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
        for (const item of items) {
          const line = lines.get(item);
          if (!line) continue;
          line.since.delete(done);
          if (line.transaction === done) line.transaction = undefined;
          if (line.transaction === undefined && line.since.size === 0) lines.delete(item);
        }
      }
    },
  };
}
