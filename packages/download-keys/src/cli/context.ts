/**
 * What every `download-keys` command reads besides its options: output, the secret, the clock
 * and the S3 prefix, over one {@link CliIo}.
 * @module
 */
import { DEFAULT_S3_PREFIX, normalizeS3Prefix, timeWindowAt } from '../index.js';
import { type CliIo, readConfiguredSecret } from '../node/index.js';
import { UsageError } from './errors.js';

/** The options every command that prints or needs the secret takes. */
export interface Common {
  json?: boolean;
  secretFile?: string;
}

/** Helpers over one run's io; `done` reports the exit code. */
export interface CommandContext {
  readonly io: CliIo;
  readonly done: (code: number) => void;
  /** Print `human`, or `json` as one line with `--json`. */
  print(options: Common, human: string, json: unknown): void;
  /** The secret from `--secret-file`, `$DOWNLOAD_SECRET` or `$DOWNLOAD_SECRET_FILE`. */
  secret(options: Common): Promise<string>;
  /** `--at`, else the clock, in Unix seconds. */
  moment(at: number | undefined): number;
  /** `--window`, else the window of {@link moment}. */
  windowOf(options: { window?: number; at?: number }): number;
  /** `--prefix`, else `$S3_PREFIX`, else the default prefix. */
  prefixOf(prefix: string | undefined): string;
}

/** ISO 8601 text of Unix seconds, for the human output. */
export const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

/**
 * The helpers of one run.
 * @param io - streams, environment and clock
 * @param done - reports the exit code
 */
export function commandContext(io: CliIo, done: (code: number) => void): CommandContext {
  const print = (options: Common, human: string, json: unknown): void =>
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
      throw new UsageError('S3_PREFIX', (error as Error).message, { cause: error });
    }
  };

  return { io, done, print, secret, moment, windowOf, prefixOf };
}
