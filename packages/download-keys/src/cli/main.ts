/**
 * `download-keys`: windows, hashes, URLs and license keys from the command line.
 * `main(argv, io)` returns the exit code: 0 success/valid, 1 failure/invalid, 2 usage.
 * @module
 */
import { parseArgs } from 'node:util';
import {
  assertPlatform,
  assertTimeWindow,
  DEFAULT_S3_PREFIX,
  downloadHash,
  downloadUrl,
  generateLicenseKey,
  isDownloadKeysError,
  linkExpiresAt,
  normalizeLicenseKey,
  oldestRetainedWindow,
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
import { type CliIo, parseTimeArgument } from '../node/index.js';
import { readConfiguredSecret } from './secret.js';

export type { CliIo } from '../node/index.js';

export const USAGE = `Usage: download-keys <command> [options]

Commands
  window [--at TIME]                         current window, its bounds and link expiry
  hash --platform P [--window W | --at TIME] download hash for one platform
  urls [--window W | --at TIME] [--platform P] [--base-url URL] [--cdn-url URL] [--prefix P]
                                             page URL, CDN URL and S3 key per platform
  license generate --session-id ID           the license key for a Checkout session
  license validate KEY [--session-id ID]     format check; with --session-id, also the
                                             cryptographic check (needs the secret)
  license verify KEY --session-id ID         format and cryptographic check (needs the secret)

Options
  --json               machine-readable output on stdout
  --secret-file PATH   read the secret from PATH (else $DOWNLOAD_SECRET_FILE, else $DOWNLOAD_SECRET)
  --at TIME            Unix seconds or an ISO 8601 date instead of the clock
  -h, --help           this text

The secret is never read from the command line. Exit codes: 0 ok/valid, 1 failed/invalid, 2 usage.
`;

class UsageError extends Error {}

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  at: { type: 'string' },
  window: { type: 'string' },
  platform: { type: 'string' },
  'base-url': { type: 'string' },
  'cdn-url': { type: 'string' },
  prefix: { type: 'string' },
  'session-id': { type: 'string' },
  'secret-file': { type: 'string' },
} as const;

function parseTime(text: string | undefined, io: CliIo): number {
  if (text === undefined) return Math.floor(io.now());
  const seconds = parseTimeArgument(text);
  if (seconds === null)
    throw new UsageError(
      `--at must be Unix seconds or an ISO 8601 date, got ${JSON.stringify(text)}`,
    );
  return seconds;
}

function parseWindow(text: string | undefined, at: string | undefined, io: CliIo): number {
  if (text !== undefined && at !== undefined)
    throw new UsageError('give --window or --at, not both');
  if (text === undefined) return timeWindowAt(parseTime(at, io));
  if (!/^\d+$/.test(text))
    throw new UsageError(`--window must be a whole number, got ${JSON.stringify(text)}`);
  const value = Number(text);
  assertTimeWindow(value, '--window');
  return value;
}

function parsePlatforms(text: string | undefined): readonly Platform[] {
  if (text === undefined) return PLATFORMS;
  assertPlatform(text, '--platform');
  return [text];
}

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

async function run(command: string[], values: Values, io: CliIo): Promise<number> {
  const print = (human: string, json: unknown) =>
    io.stdout(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${human}\n`);
  const secret = () => readConfiguredSecret(io.env, values['secret-file']);
  const [name, sub, ...rest] = command;

  switch (name) {
    case 'window': {
      if (sub !== undefined)
        throw new UsageError(`window takes no arguments, got ${JSON.stringify(sub)}`);
      const now = parseTime(values.at, io);
      const timeWindow = timeWindowAt(now);
      const bounds = windowBounds(timeWindow);
      const result = {
        timeWindow,
        startsAt: iso(bounds.startsAt),
        endsAt: iso(bounds.endsAt),
        uploadWindows: uploadWindows(now),
        oldestRetainedWindow: oldestRetainedWindow(timeWindow),
        linkExpiresAt: iso(linkExpiresAt(now)),
      };
      print(
        [
          `window           ${timeWindow}`,
          `starts           ${result.startsAt}`,
          `ends             ${result.endsAt}`,
          `upload windows   ${result.uploadWindows.join(', ')}`,
          `oldest retained  ${result.oldestRetainedWindow}`,
          `links valid to   ${result.linkExpiresAt}`,
        ].join('\n'),
        result,
      );
      return 0;
    }
    case 'hash': {
      if (sub !== undefined)
        throw new UsageError(`hash takes no arguments, got ${JSON.stringify(sub)}`);
      if (values.platform === undefined)
        throw new UsageError('hash needs --platform (macos, windows, linux or universal)');
      const platform = values.platform;
      assertPlatform(platform, '--platform');
      const timeWindow = parseWindow(values.window, values.at, io);
      const hash = downloadHash(await secret(), timeWindow, platform);
      print(hash, { timeWindow, platform, downloadHash: hash });
      return 0;
    }
    case 'urls': {
      if (sub !== undefined)
        throw new UsageError(`urls takes no arguments, got ${JSON.stringify(sub)}`);
      const timeWindow = parseWindow(values.window, values.at, io);
      const key = await secret();
      const pageBase = values['base-url'] ?? PRODUCTION_DOWNLOAD_BASE_URL;
      const cdnBase = values['cdn-url'];
      const prefix = values.prefix ?? DEFAULT_S3_PREFIX;
      const rows = parsePlatforms(values.platform).map((platform) => ({
        platform,
        downloadHash: downloadHash(key, timeWindow, platform),
        pageUrl: downloadUrl(pageBase, key, timeWindow, platform),
        ...(cdnBase === undefined
          ? {}
          : { cdnUrl: downloadUrl(cdnBase, key, timeWindow, platform) }),
        s3Key: s3ObjectKey(key, timeWindow, platform, prefix),
      }));
      print(
        rows
          .map((r) =>
            [
              `${r.platform}`,
              `  page  ${r.pageUrl}`,
              ...('cdnUrl' in r ? [`  cdn   ${r.cdnUrl}`] : []),
              `  s3    ${r.s3Key}`,
            ].join('\n'),
          )
          .join('\n'),
        { timeWindow, urls: rows },
      );
      return 0;
    }
    case 'license':
      return runLicense(sub, rest, values, io, print, secret);
    case undefined:
      throw new UsageError('a command is required');
    default:
      throw new UsageError(`unknown command ${JSON.stringify(name)}`);
  }
}

async function runLicense(
  sub: string | undefined,
  rest: string[],
  values: Values,
  io: CliIo,
  print: (human: string, json: unknown) => void,
  secret: () => Promise<string>,
): Promise<number> {
  if (sub === 'generate') {
    if (rest.length > 0) throw new UsageError('license generate takes no positional arguments');
    if (values['session-id'] === undefined)
      throw new UsageError('license generate needs --session-id cs_…');
    const key = generateLicenseKey(values['session-id'], await secret());
    print(key, { licenseKey: key });
    return 0;
  }
  if (sub === 'validate' || sub === 'verify') {
    if (rest.length !== 1) throw new UsageError(`license ${sub} takes exactly one KEY`);
    if (sub === 'verify' && values['session-id'] === undefined)
      throw new UsageError('license verify needs --session-id cs_… (and the secret)');
    const input = rest[0] as string;
    const licenseKey = normalizeLicenseKey(input);
    const format = validateLicenseKeyFormat(licenseKey);
    const sessionId = values['session-id'];
    const verified =
      format.valid && sessionId !== undefined
        ? verifyLicenseKey(licenseKey, sessionId, await secret())
        : undefined;
    const valid = format.valid && verified !== false;
    const problems = format.problems.map((p) => p.message);
    const human = valid
      ? `valid: ${verified ? 'format and signature check out' : 'well-formed (format only: pass --session-id and the secret to verify it)'}`
      : `invalid: ${verified === false ? 'this is not the key for that purchase' : problems.join(' ')}`;
    print(human, {
      licenseKey,
      valid,
      format: { valid: format.valid, problems: format.problems },
      ...(verified === undefined ? {} : { verified }),
    });
    if (!valid) io.stderr(`${human}\n`);
    return valid ? 0 : 1;
  }
  throw new UsageError(
    sub === undefined
      ? 'license needs a subcommand: generate, validate or verify'
      : `unknown license subcommand ${JSON.stringify(sub)}`,
  );
}

/**
 * Run the CLI.
 * @param argv - arguments after the program name
 * @param io - environment, output streams and clock
 * @returns the exit code
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`download-keys: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    return await run(parsed.positionals, parsed.values as Values, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`download-keys: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    const message =
      isDownloadKeysError(error) || error instanceof Error ? error.message : String(error);
    if (parsed.values.json) {
      const code = isDownloadKeysError(error) ? error.code : 'ERROR';
      io.stdout(`${JSON.stringify({ error: { code, message } }, null, 2)}\n`);
    }
    io.stderr(`download-keys: ${message}\n`);
    return isDownloadKeysError(error) &&
      (error.argument.startsWith('--') || error.code === 'UNKNOWN_PLATFORM')
      ? 2
      : 1;
  }
}
