/**
 * `download-ops cleanup`: delete windows older than current - 4, guarded by the clock.
 * @module
 */
import type { Command } from 'commander';
import { cleanup } from '../../operations/cleanup.js';
import { addLeaseOption, addStoreOptions, examples } from '../options.js';
import type { Session } from '../session.js';
import type { StoreOptions } from '../storeOptions.js';

export function registerCleanup(program: Command, session: Session): void {
  addLeaseOption(
    addStoreOptions(
      program
        .command('cleanup')
        .description(
          'delete windows older than current - 4 (never the newest complete window nor the four newest present)',
        ),
    ),
  )
    .option('--dry-run', 'print what would be deleted; change nothing')
    .option(
      '--i-know-the-clock',
      'run even though now is more than one window from the last upload or rotation',
    )
    .addHelpText('after', examples('cleanup --dry-run', 'cleanup --json'))
    .action(async (opts: StoreOptions & { dryRun?: boolean; iKnowTheClock?: boolean }) => {
      const { print } = session.output(opts);
      const ctx = await session.openStore(opts);
      const dryRun = opts.dryRun === true;
      if (!dryRun) await session.lease(ctx, opts, 'cleanup');
      const result = await cleanup(ctx, { dryRun, trustClock: opts.iKnowTheClock === true });
      const windows = result.deletedWindows.length ? result.deletedWindows.join(', ') : 'none';
      const kept = result.protectedWindows.length
        ? `; also kept ${result.protectedWindows.join(', ')} (newest complete or four newest)`
        : '';
      print(
        result.dryRun
          ? `cleanup (dry run): would delete windows ${windows}; keeping ${result.oldestKept} and later${kept}`
          : `cleanup: deleted ${result.deleted} objects in ${result.deleteRequests} requests (windows ${windows}); kept ${result.oldestKept} and later${kept}; left ${result.leftAlone} other keys alone`,
        result,
      );
    });
}
