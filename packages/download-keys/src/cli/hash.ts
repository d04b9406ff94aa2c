/**
 * `download-keys hash`: the download hash, file name and S3 key of one platform in one window.
 * @module
 */
import { type Command, Option } from 'commander';
import { downloadHashReport, PLATFORMS, type Platform } from '../index.js';
import type { CommandContext, Common } from './context.js';
import {
  atOption,
  jsonOption,
  parsePlatformOption,
  prefixOption,
  secretFileOption,
  windowOption,
} from './options.js';

/**
 * Add the command to the program.
 * @param root - the `download-keys` command
 * @param context - output, secret, clock and prefix of this run
 */
export function addHashCommand(root: Command, context: CommandContext): void {
  const { print, windowOf, prefixOf, secret, done } = context;
  root
    .command('hash')
    .description('the download hash, file name and S3 key of one platform in one window')
    .addOption(
      new Option('--platform <platform>', PLATFORMS.join(', '))
        .argParser(parsePlatformOption)
        .makeOptionMandatory(),
    )
    .addOption(windowOption())
    .addOption(atOption())
    .addOption(prefixOption())
    .addOption(secretFileOption())
    .addOption(jsonOption())
    .action(
      async (
        options: Common & { platform: Platform; window?: number; at?: number; prefix?: string },
      ) => {
        const timeWindow = windowOf(options);
        const prefix = prefixOf(options.prefix);
        const key = await secret(options);
        const report = downloadHashReport(key, timeWindow, options.platform, prefix);
        print(options, report.downloadHash, report);
        done(0);
      },
    );
}
