import { describe, expect, it } from 'vitest';
import { createItemLocks, type LockScope } from './itemLocks.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));
const item = (...items: string[]): LockScope => ({ transaction: false, items });
const tx = (...items: string[]): LockScope => ({ transaction: true, items });

/**
 * Send requests through fresh locks, in order; each runs until released, and the log says when
 * each started and ended.
 */
function send(requests: Record<string, LockScope>) {
  const locks = createItemLocks();
  const log: string[] = [];
  const gates = new Map<string, () => void>();
  const runs = Object.entries(requests).map(([name, scope]) =>
    locks.run(scope, async () => {
      log.push(`${name} start`);
      await new Promise<void>((resolve) => gates.set(name, resolve));
      log.push(`${name} end`);
    }),
  );
  const release = async (...names: string[]) => {
    for (const name of names) gates.get(name)?.();
    await tick();
  };
  const finish = async () => {
    while (gates.size < runs.length) await release(...gates.keys());
    await release(...gates.keys());
    await Promise.all(runs);
  };
  return { log, release, finish };
}

describe('item locks', () => {
  it('runs requests on other items side by side', async () => {
    const r = send({ 'tx a': tx('a'), 'tx b': tx('b'), 'get c': item('c') });
    await tick();
    expect(r.log).toEqual(['tx a start', 'tx b start', 'get c start']);
    await r.finish();
  });

  it('makes a request on an item of a transaction wait for it, in arrival order', async () => {
    const r = send({ 'tx a+b': tx('a', 'b'), 'get b': item('b'), 'tx b': tx('b') });
    await tick();
    expect(r.log).toEqual(['tx a+b start']);
    await r.release('tx a+b');
    expect(r.log).toEqual(['tx a+b start', 'tx a+b end', 'get b start']);
    await r.release('get b');
    expect(r.log.at(-1)).toBe('tx b start');
    await r.finish();
  });

  it('runs requests that are not transactions on the same item side by side', async () => {
    const r = send({ 'get a': item('a'), 'update a': item('a'), 'put a': item('a') });
    await tick();
    expect(r.log).toEqual(['get a start', 'update a start', 'put a start']);
    await r.finish();
  });

  it('makes a transaction wait for the earlier requests on its items, and the later ones for it', async () => {
    const r = send({
      'get a': item('a'),
      'update a': item('a'),
      'tx a': tx('a'),
      'get a again': item('a'),
      'get b': item('b'),
    });
    await tick();
    expect(r.log).toEqual(['get a start', 'update a start', 'get b start']);
    await r.release('get a');
    expect(r.log.at(-1)).toBe('get a end');
    await r.release('update a');
    expect(r.log.slice(-2)).toEqual(['update a end', 'tx a start']);
    await r.release('tx a');
    expect(r.log.slice(-2)).toEqual(['tx a end', 'get a again start']);
    await r.finish();
  });

  it('keeps a read of any item and the transactions apart', async () => {
    const r = send({ 'tx a': tx('a'), scan: 'any', 'tx z': tx('z'), 'get y': item('y') });
    await tick();
    expect(r.log).toEqual(['tx a start', 'get y start']);
    await r.release('tx a');
    expect(r.log.slice(2)).toEqual(['tx a end', 'scan start']);
    await r.release('scan');
    expect(r.log.at(-1)).toBe('tx z start');
    await r.finish();
  });

  it('frees the item when the work fails', async () => {
    const locks = createItemLocks();
    await expect(
      locks.run(tx('a'), async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await locks.run(item('a'), async () => 'ran')).toBe('ran');
  });
});
