/**
 * `download-keys urls`: page URL, CDN URL and S3 key of every platform (or one) in one window.
 * @module
 */
import { type Command, Option } from 'commander';
import {
  downloadHash,
  downloadUrl,
  PLATFORM_CATALOGUE,
  PLATFORMS,
  type Platform,
  PRODUCTION_DOWNLOAD_BASE_URL,
  s3ObjectKey,
} from '../index.js';
import type { CommandContext, Common } from './context.js';
import {
  atOption,
  jsonOption,
  parseBaseUrlOption,
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
export function addUrlsCommand(root: Command, context: CommandContext): void {
  const { print, windowOf, prefixOf, secret, done } = context;
  root
    .command('urls')
    .description('page URL, CDN URL and S3 key of every platform (or one) in one window')
    .addOption(windowOption())
    .addOption(atOption())
    .addOption(
      new Option('--platform <platform>', 'only this platform').argParser(parsePlatformOption),
    )
    .addOption(
      new Option('--base-url <url>', 'base of the page URLs')
        .argParser(parseBaseUrlOption)
        .default(PRODUCTION_DOWNLOAD_BASE_URL),
    )
    .addOption(
      new Option('--cdn-url <url>', 'CDN origin, adds cdnUrl').argParser(parseBaseUrlOption),
    )
    .addOption(prefixOption())
    .addOption(secretFileOption())
    .addOption(jsonOption())
    .action(
      async (
        options: Common & {
          window?: number;
          at?: number;
          platform?: Platform;
          baseUrl: string;
          cdnUrl?: string;
          prefix?: string;
        },
      ) => {
        const timeWindow = windowOf(options);
        const prefix = prefixOf(options.prefix);
        const key = await secret(options);
        const platforms = options.platform ? [options.platform] : PLATFORMS;
        const downloads = platforms.map((platform) => ({
          platform,
          downloadHash: downloadHash(key, timeWindow, platform),
          filename: PLATFORM_CATALOGUE[platform].filename,
          url: downloadUrl(options.baseUrl, key, timeWindow, platform),
          ...(options.cdnUrl === undefined
            ? {}
            : { cdnUrl: downloadUrl(options.cdnUrl, key, timeWindow, platform) }),
          s3Key: s3ObjectKey(key, timeWindow, platform, prefix),
        }));
        print(
          options,
          downloads
            .map((d) =>
              [
                d.platform,
                `  page  ${d.url}`,
                ...('cdnUrl' in d ? [`  cdn   ${d.cdnUrl}`] : []),
                `  s3    ${d.s3Key}`,
              ].join('\n'),
            )
            .join('\n'),
          { timeWindow, downloads },
        );
        done(0);
      },
    );
}
