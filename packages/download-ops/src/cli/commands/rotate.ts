/**
 * `download-ops rotate`: fill the current and next windows by server-side copy.
 * @module
 */
import type { Command } from 'commander';
import { rotate } from '../../operations/rotate.js';
import { addLeaseOption, addStoreOptions, examples } from '../options.js';
import { progressReporter } from '../progress.js';
import type { Session } from '../session.js';
import type { StoreOptions } from '../storeOptions.js';

export function registerRotate(program: Command, session: Session): void {
  addLeaseOption(
    addStoreOptions(
      program
        .command('rotate')
        .description(
          'fill the current and next windows by server-side copy from the newest complete window (run every few hours)',
        ),
    ),
  )
    .option('--dry-run', 'print what would be copied; change nothing')
    .addHelpText('after', examples('rotate', 'rotate --dry-run --json'))
    .action(async (opts: StoreOptions & { dryRun?: boolean }) => {
      const { print, json } = session.output(opts);
      const ctx = await session.openStore(opts);
      const dryRun = opts.dryRun === true;
      if (!dryRun) await session.lease(ctx, opts, 'rotate');
      const progress = dryRun ? undefined : progressReporter(session.io, json);
      const result = await rotate(ctx, { dryRun, ...(progress ? { progress } : {}) });
      const windows = result.windows.join(' and ');
      print(
        result.copied.length === 0
          ? `rotate${dryRun ? ' (dry run)' : ''}: windows ${windows} already complete`
          : `rotate${dryRun ? ' (dry run): would copy' : ': copied'} ${result.copied.length} objects from window ${result.sourceWindow} into windows ${windows}`,
        result,
      );
    });
}
