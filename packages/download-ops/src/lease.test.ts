import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLease, leaseKey } from './lease.js';
import { FsStore } from './store/fsStore.js';

let root: string;
let store: FsStore;
const clock = () => Date.now() / 1000;
const leaseFile = () => join(root, 'downloads', '.lease.json');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lease-'));
  store = new FsStore(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the store lease', () => {
  it('lets one writer in at a time among many racing for it', async () => {
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, id) => {
        const lease = await acquireLease(store, 'downloads', {
          command: `writer ${id}`,
          now: clock,
          pollMs: 5,
          waitSeconds: 30,
        });
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 10));
        order.push(id);
        inside--;
        await lease.release();
      }),
    );
    expect(most).toBe(1);
    expect(order.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await store.get(leaseKey('downloads'))).toBeNull();
  });

  it('gives up after the wait, naming the holder', async () => {
    const held = await acquireLease(store, 'downloads', {
      command: 'rotate',
      now: clock,
      owner: 'ci@runner pid 1',
    });
    // The wait runs on a clock of the test's own: each poll's sleep moves it on by the poll
    // interval, so the count of attempts is exact however loaded the machine is.
    let ms = 0;
    const sleeps: number[] = [];
    let attempts = 0;
    const counting = Object.assign(Object.create(store) as FsStore, {
      putIfAbsent: (...args: Parameters<FsStore['putIfAbsent']>) => {
        attempts++;
        return store.putIfAbsent(...args);
      },
    });
    await expect(
      acquireLease(counting, 'downloads', {
        command: 'upload',
        now: clock,
        waitSeconds: 0.3,
        pollMs: 20,
        clock: {
          nowMs: () => ms,
          sleep: async (d) => {
            sleeps.push(d);
            ms += d;
          },
          // never taken, so never renewed
          every: () => () => undefined,
        },
      }),
    ).rejects.toMatchObject({
      code: 'LEASE_HELD',
      message: expect.stringMatching(/ci@runner pid 1 \(rotate, since .*expires.*Waited 0.3 s/),
    });
    // 300 ms of polls every 20 ms: 15 sleeps, and one attempt before each and after the last.
    expect(sleeps).toEqual(Array.from({ length: 15 }, () => 20));
    expect(attempts).toBe(16);
    await held.release();
  });

  it('waits on the process clock by default, at least the time asked for', async () => {
    const held = await acquireLease(store, 'downloads', { command: 'rotate', now: clock });
    const started = performance.now();
    await expect(
      acquireLease(store, 'downloads', {
        command: 'upload',
        now: clock,
        waitSeconds: 0.3,
        pollMs: 20,
      }),
    ).rejects.toMatchObject({ code: 'LEASE_HELD' });
    // A lower bound only: load can make the wait longer, never shorter.
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    await held.release();
  });

  it('takes over an expired lease, and the old holder cannot release the new one', async () => {
    let now = 1_000_000;
    const old = await acquireLease(store, 'downloads', {
      command: 'upload',
      now: () => now,
      ttlSeconds: 60,
    });
    now += 61;
    const lines: string[] = [];
    const fresh = await acquireLease(store, 'downloads', {
      command: 'rotate',
      now: () => now,
      log: (line) => lines.push(line),
    });
    expect(lines.join('\n')).toMatch(/taking over the expired lease/);
    await old.release();
    expect(JSON.parse(readFileSync(leaseFile(), 'utf8'))).toMatchObject({ command: 'rotate' });
    await fresh.release();
    expect(await store.get(leaseKey('downloads'))).toBeNull();
  });

  it('renews itself while held, every third of its lifetime, and stops when released', async () => {
    let now = 1_000_000;
    const ticks: Array<{ ms: number; tick: () => Promise<void>; stopped: boolean }> = [];
    const lease = await acquireLease(store, 'downloads', {
      command: 'upload',
      now: () => now,
      ttlSeconds: 90,
      clock: {
        nowMs: () => 0,
        sleep: async () => undefined,
        every(ms, tick) {
          const timer = { ms, tick, stopped: false };
          ticks.push(timer);
          return () => {
            timer.stopped = true;
          };
        },
      },
    });
    const expiresAt = () => JSON.parse(readFileSync(leaseFile(), 'utf8')).expiresAt as number;
    expect(ticks.map((t) => t.ms)).toEqual([30_000]);
    expect(expiresAt()).toBe(1_000_090);
    now += 30;
    await ticks[0]?.tick();
    expect(expiresAt()).toBe(1_000_120);
    await lease.release();
    expect(ticks[0]?.stopped).toBe(true);
    expect(await store.get(leaseKey('downloads'))).toBeNull();
  });
});
