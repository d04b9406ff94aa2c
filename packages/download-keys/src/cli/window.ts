/**
 * `download-keys window`: the window at a moment, its bounds and when links issued then expire.
 * @module
 */
import type { Command } from 'commander';
import { windowReport } from '../index.js';
import { type CommandContext, type Common, iso } from './context.js';
import { atOption, jsonOption } from './options.js';

/**
 * Add the command to the program.
 * @param root - the `download-keys` command
 * @param context - output, secret, clock and prefix of this run
 */
export function addWindowCommand(root: Command, context: CommandContext): void {
  const { print, moment, done } = context;
  root
    .command('window')
    .description('the window at a moment, its bounds and when links issued then expire')
    .addOption(atOption())
    .addOption(jsonOption())
    .action((options: Common & { at?: number }) => {
      const result = windowReport(moment(options.at));
      const { timeWindow, windowStart, windowEnd } = result;
      print(
        options,
        [
          `window           ${timeWindow}`,
          `starts           ${iso(windowStart)}`,
          `ends             ${iso(windowEnd)}`,
          `upload windows   ${result.uploadWindows.join(', ')}`,
          `oldest retained  ${result.oldestRetainedWindow}`,
          `links valid to   ${iso(result.expiresAt)}`,
        ].join('\n'),
        result,
      );
      done(0);
    });
}
