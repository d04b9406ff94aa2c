/**
 * `download-ops hash`: the download hash and S3 key of one platform in one window, from the
 * library's {@link downloadHashReport} (the same answer, field for field, as `download-keys hash`
 * and the Go reference).
 * @module
 */
import { assertPlatform, downloadHashReport, timeWindowAt } from '@local-memory/download-keys';
import { readConfiguredSecret } from '@local-memory/download-keys/node';
import type { Command } from 'commander';
import { usageError } from '../errors.js';
import { addOutputOptions, exampleLines } from '../options.js';
import type { Session } from '../session.js';
import { parseNow, parseWindowOption, resolvePrefix } from '../storeOptions.js';

interface HashOptions {
  platform: string;
  window?: string;
  at?: string;
  secretFile?: string;
  prefix?: string;
  json?: boolean;
}

export function registerHash(program: Command, session: Session): void {
  addOutputOptions(
    program
      .command('hash')
      .description('the download hash and S3 key, for debugging a link')
      .requiredOption('--platform <platform>', 'the platform')
      .option('--window <window>', 'the time window (base 10; default: the window at --at or now)')
      .option('--at <time>', 'Unix seconds or an RFC 3339 date instead of the clock')
      .option('--secret-file <path>', 'read the download secret from this file')
      .option('--prefix <prefix>', 'key prefix, default "downloads" (env S3_PREFIX)'),
  )
    .addHelpText(
      'after',
      exampleLines(
        'hash --window 40648 --platform linux',
        'hash --at 2025-08-24T00:00:00Z --platform macos --json',
      ),
    )
    .action(async (opts: HashOptions) => {
      if (opts.window !== undefined && opts.at !== undefined)
        throw usageError('give --window or --at, not both');
      const timeWindow =
        opts.window !== undefined
          ? parseWindowOption(opts.window)
          : timeWindowAt(parseNow(opts.at, session.io));
      const { platform } = opts;
      try {
        assertPlatform(platform, '--platform');
      } catch (error) {
        throw usageError((error as Error).message, error);
      }
      const prefix = resolvePrefix(opts, session.io);
      const secret = await readConfiguredSecret(session.io.env, opts.secretFile);
      const report = downloadHashReport(secret, timeWindow, platform, prefix);
      session.output(opts).print(`${report.downloadHash}\n${report.s3Key}`, report);
    });
}
