/**
 * `download-ops window`: the window at a moment, from the library's {@link windowReport} (the
 * same answer, field for field, as `download-keys window` and the Go reference).
 * @module
 */
import { windowReport } from '@local-memory/download-keys';
import type { Command } from 'commander';
import { addAtOption, addOutputOptions, exampleLines } from '../options.js';
import type { Session } from '../session.js';
import { parseNow } from '../storeOptions.js';

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

export function registerWindow(program: Command, session: Session): void {
  addOutputOptions(
    addAtOption(
      program
        .command('window')
        .description('the current window, its bounds and how long links last'),
    ),
  )
    .addHelpText('after', exampleLines('window', 'window --at 2025-08-24T00:00:00Z --json'))
    .action((opts: { at?: string; json?: boolean }) => {
      const report = windowReport(parseNow(opts.at, session.io));
      session
        .output(opts)
        .print(
          `window ${report.timeWindow}: ${iso(report.windowStart)} to ${iso(report.windowEnd)}\n` +
            `upload targets windows ${report.uploadWindows.join(' and ')}; cleanup keeps ${report.oldestRetainedWindow} and later\n` +
            `a link handed out now works until ${iso(report.expiresAt)}`,
          report,
        );
    });
}
