/**
 * One run of the CLI: the stores it opened and the leases it holds (given back at the end, or on
 * Ctrl-C), and the exit code a command that finished with a verdict reports.
 * @module
 */
import { readConfiguredSecret } from '@local-memory/download-keys/node';
import { acquireLease, defaultOwner, type Lease } from '../lease.js';
import type { OperationContext } from '../operations/context.js';
import { S3Store } from '../store/s3Store.js';
import type { Store } from '../store/types.js';
import { type CliIo, type Output, output } from './io.js';
import {
  parseNow,
  parseSeconds,
  resolvePrefix,
  resolveStore,
  type StoreOptions,
} from './storeOptions.js';

/** What every command gets. */
export interface Session {
  readonly io: CliIo;
  /** The printer for a command run with these options. */
  output(opts: { json?: boolean }): Output;
  /** Secret, prefix, moment and store from the options; the store is checked before use. */
  openStore(opts: StoreOptions): Promise<OperationContext>;
  /** Take the store lease for a command that writes (waits up to --wait seconds). */
  lease(ctx: OperationContext, opts: StoreOptions, command: string): Promise<Lease>;
  /** A command that printed a failing verdict (verify FAILED, an invalid payload): exit 1. */
  fail(): void;
  readonly exitCode: number;
  /** Give back every lease and close every store. */
  close(): Promise<void>;
}

/**
 * Start a run.
 * @param io - environment, output, clock and policies
 * @returns the session the commands share
 */
export function openSession(io: CliIo): Session {
  let exitCode = 0;
  const stores: Store[] = [];
  const leases: Lease[] = [];
  const releaseAll = async () => {
    for (const taken of leases.splice(0)) {
      try {
        await taken.release();
      } catch {
        // an expired lease is taken over; nothing more to do here
      }
    }
  };
  io.onLeases?.(releaseAll);

  return {
    io,
    output: (opts) => output(io, opts),
    async openStore(opts) {
      const secret = await readConfiguredSecret(io.env, opts.secretFile);
      const prefix = resolvePrefix(opts, io);
      const now = parseNow(opts.at, io);
      const store = resolveStore(opts, io);
      stores.push(store);
      await store.check?.();
      const { log } = output(io, opts);
      return { store, secret, prefix, now, ...(log ? { log } : {}) };
    },
    async lease(ctx, opts, command) {
      const taken = await acquireLease(ctx.store, ctx.prefix, {
        command,
        now: io.now,
        waitSeconds: parseSeconds(opts.wait, '--wait', 120),
        ...(io.leasePollMs !== undefined ? { pollMs: io.leasePollMs } : {}),
        ...(io.leaseClock ? { clock: io.leaseClock } : {}),
        owner: defaultOwner(io.env),
        ...(ctx.log ? { log: ctx.log } : {}),
      });
      leases.push(taken);
      return taken;
    },
    fail() {
      exitCode = 1;
    },
    get exitCode() {
      return exitCode;
    },
    async close() {
      await releaseAll();
      for (const store of stores) if (store instanceof S3Store) store.destroy();
    },
  };
}
