/**
 * `download-keys`: windows, hashes, URLs and license keys from the command line, on commander:
 * each command has its own options and help, `help COMMAND` and `--version` work, and an option
 * a command does not take is a usage error. `main(argv, io)` returns the exit code:
 * 0 ok/valid, 1 invalid/failed, 2 usage. JSON field names and exit codes are the ones the Go
 * reference CLI uses (docs/algorithms.md, "Vocabulary").
 * @module
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import {
  DEFAULT_S3_PREFIX,
  downloadHash,
  downloadUrl,
  generateLicenseKey,
  isDownloadKeysError,
  isPlatform,
  LICENSE_KEY_PROBLEM_MESSAGES,
  linkExpiresAt,
  MAX_WINDOW,
  normalizeBaseUrl,
  normalizeLicenseKey,
  normalizeS3Prefix,
  oldestRetainedWindow,
  PLATFORM_CATALOGUE,
  PLATFORMS,
  type Platform,
  PRODUCTION_DOWNLOAD_BASE_URL,
  s3ObjectKey,
  timeWindowAt,
  uploadWindows,
  validateLicenseKeyFormat,
  verifyLicenseKey,
  windowBounds,
} from '../index.js';
import {
  type CliIo,
  parseBase10Integer,
  parseTimeArgument,
  readConfiguredSecret,
} from '../node/index.js';
import { addLeaseCommands, LeaseUsageError } from './lease.js';

export type { CliIo } from '../node/index.js';

/** A mistake in how the command was called: exit 2. */
class UsageError extends Error {}

function parseWindowOption(text: string): number {
  let value: number;
  try {
    value = parseBase10Integer(text, '--window');
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  if (value > MAX_WINDOW) throw new InvalidArgumentError(`--window must be at most ${MAX_WINDOW}`);
  return value;
}

function parseAtOption(text: string): number {
  const seconds = parseTimeArgument(text);
  if (seconds === null) {
    throw new InvalidArgumentError(
      'TIME is Unix seconds in base 10 (1755993600) or an RFC 3339 date (2025-08-24T00:00:00Z).',
    );
  }
  try {
    timeWindowAt(seconds);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  return seconds;
}

function parsePlatformOption(text: string): Platform {
  if (!isPlatform(text)) throw new InvalidArgumentError(`Use one of ${PLATFORMS.join(', ')}.`);
  return text;
}

function parsePrefixOption(text: string): string {
  try {
    return normalizeS3Prefix(text, '--prefix');
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function parseBaseUrlOption(text: string): string {
  try {
    return normalizeBaseUrl(text, 'URL');
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

interface Common {
  json?: boolean;
  secretFile?: string;
}

/** The program for one run; commands report their exit code through `done`. */
function program(io: CliIo, done: (code: number) => void): Command {
  const print = (options: Common, human: string, json: unknown) =>
    io.stdout(options.json ? `${JSON.stringify(json)}\n` : `${human}\n`);
  const secret = (options: Common) => readConfiguredSecret(io.env, options.secretFile);
  const moment = (at: number | undefined) => at ?? Math.floor(io.now());
  const windowOf = (options: { window?: number; at?: number }) =>
    options.window ?? timeWindowAt(moment(options.at));
  const prefixOf = (prefix: string | undefined) => {
    if (prefix !== undefined) return prefix;
    const fromEnv = io.env.S3_PREFIX;
    if (!fromEnv) return DEFAULT_S3_PREFIX;
    try {
      return normalizeS3Prefix(fromEnv, 'S3_PREFIX');
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };

  const jsonOption = () => new Option('--json', 'machine-readable output on stdout');
  const secretFileOption = () =>
    new Option(
      '--secret-file <path>',
      'read the secret from this file (else $DOWNLOAD_SECRET or $DOWNLOAD_SECRET_FILE; never more than one)',
    );
  const atOption = () =>
    new Option('--at <time>', 'Unix seconds or an RFC 3339 date instead of the clock').argParser(
      parseAtOption,
    );
  const windowOption = () =>
    new Option('--window <n>', 'window number (base 10)')
      .argParser(parseWindowOption)
      .conflicts('at');
  const prefixOption = () =>
    new Option('--prefix <prefix>', 'S3 key prefix (else $S3_PREFIX, else "downloads")').argParser(
      parsePrefixOption,
    );

  const root = new Command('download-keys')
    .description('Time windows, download hashes, URLs and license keys for Local Memory.')
    .version(packageJson.version, '--version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpText(
      'after',
      '\nThe secret is never read from the command line. Exit codes: 0 ok/valid, 1 invalid/failed, 2 usage.',
    )
    .showSuggestionAfterError(true);

  root
    .command('window')
    .description('the window at a moment, its bounds and when links issued then expire')
    .addOption(atOption())
    .addOption(jsonOption())
    .action((options: Common & { at?: number }) => {
      const now = moment(options.at);
      const timeWindow = timeWindowAt(now);
      const { windowStart, windowEnd } = windowBounds(timeWindow);
      const result = {
        timeWindow,
        windowStart,
        windowEnd,
        expiresAt: linkExpiresAt(now),
        uploadWindows: uploadWindows(now),
        oldestRetainedWindow: oldestRetainedWindow(timeWindow),
      };
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
        const hash = downloadHash(key, timeWindow, options.platform);
        print(options, hash, {
          timeWindow,
          platform: options.platform,
          downloadHash: hash,
          filename: PLATFORM_CATALOGUE[options.platform].filename,
          s3Key: s3ObjectKey(key, timeWindow, options.platform, prefix),
        });
        done(0);
      },
    );

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

  const license = root.command('license').description('generate, validate and verify license keys');

  license
    .command('generate')
    .description('the license key for a Stripe Checkout session (needs the secret)')
    .requiredOption('--session-id <id>', 'Stripe Checkout session id (cs_test_… or cs_live_…)')
    .addOption(secretFileOption())
    .addOption(jsonOption())
    .action(async (options: Common & { sessionId: string }) => {
      const licenseKey = generateLicenseKey(options.sessionId, await secret(options));
      print(options, licenseKey, { licenseKey });
      done(0);
    });

  const check = async (input: string, options: Common & { sessionId?: string }): Promise<void> => {
    const licenseKey = normalizeLicenseKey(input);
    const format = validateLicenseKeyFormat(licenseKey);
    const verified =
      format.valid && options.sessionId !== undefined
        ? verifyLicenseKey(licenseKey, options.sessionId, await secret(options))
        : undefined;
    const valid = format.valid && verified !== false;
    const human = valid
      ? `valid: ${verified ? 'format and key check out' : 'well-formed (format only: pass --session-id and the secret to verify it)'}`
      : `invalid: ${verified === false ? 'this is not the key for that purchase' : format.problems.map((p) => LICENSE_KEY_PROBLEM_MESSAGES[p]).join(' ')}`;
    print(options, human, {
      licenseKey,
      valid,
      problems: format.problems,
      ...(verified === undefined ? {} : { verified }),
    });
    if (!valid && !options.json) io.stderr(`${human}\n`);
    done(valid ? 0 : 1);
  };

  license
    .command('validate')
    .description('normalise a pasted key and check its format; with --session-id also verify it')
    .argument('<key>', 'the key as the customer pasted it')
    .option('--session-id <id>', 'also check it is the key of this purchase (needs the secret)')
    .addOption(secretFileOption())
    .addOption(jsonOption())
    .action(check);

  license
    .command('verify')
    .description('format and key check against a purchase (needs the secret)')
    .argument('<key>', 'the key as the customer pasted it')
    .requiredOption('--session-id <id>', 'the purchase the key should belong to')
    .addOption(secretFileOption())
    .addOption(jsonOption())
    .action(check);

  addLeaseCommands(root, io, done);

  const quiet = (command: Command): void => {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
    });
    for (const sub of command.commands) quiet(sub);
  };
  quiet(root);
  return root;
}

const HELP_CODES = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/** `help license validate` is `license validate --help` (commander stops at the first name). */
function expandHelp(argv: readonly string[]): string[] {
  return argv[0] === 'help' && argv.length > 2 ? [...argv.slice(1), '--help'] : [...argv];
}

/**
 * Run the CLI.
 * @param argv - arguments after the program name
 * @param io - environment, output streams and clock
 * @returns the exit code: 0 ok/valid, 1 invalid/failed, 2 usage
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const fail = (code: string, message: string, exitCode: number): number => {
    if (json) io.stdout(`${JSON.stringify({ error: { code, message } })}\n`);
    io.stderr(`download-keys: ${message}\n`);
    if (exitCode === 2) io.stderr('Run `download-keys help` for usage.\n');
    return exitCode;
  };
  if (argv.length === 0) return fail('USAGE', 'a command is required', 2);
  let exitCode: number | undefined;
  const root = program(io, (code) => {
    exitCode = code;
  });
  try {
    await root.parseAsync(expandHelp(argv), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Asked-for help exits 0; help shown because a subcommand is missing is a usage error.
      if (HELP_CODES.has(error.code)) return error.exitCode === 0 ? 0 : 2;
      // commander has already printed its own one-line message to stderr.
      if (json) {
        const message = error.message.replace(/^error: /, '');
        io.stdout(`${JSON.stringify({ error: { code: 'USAGE', message } })}\n`);
      }
      return 2;
    }
    if (error instanceof UsageError || error instanceof LeaseUsageError) {
      return fail('USAGE', error.message, 2);
    }
    if (isDownloadKeysError(error)) {
      // A bad value given on the command line is usage (2); a bad secret is a failure (1).
      const usage =
        !error.code.startsWith('SECRET_') &&
        error.code !== 'INVALID_SECRET' &&
        (error.argument.startsWith('--') || error.code === 'UNKNOWN_PLATFORM');
      return fail(error.code, error.message, usage ? 2 : 1);
    }
    const message = error instanceof Error ? error.message : String(error);
    return fail('ERROR', `unexpected failure: ${message}`, 1);
  }
  if (exitCode === undefined) return fail('USAGE', 'a command is required', 2);
  return exitCode;
}
