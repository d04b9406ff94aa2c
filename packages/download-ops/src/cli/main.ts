/**
 * `download-ops`: the operations CLI, on `commander`. `main(argv, io)` returns the exit code:
 * 0 success, 1 failure, 2 usage. Tests call it directly; bin.ts wires it to the process.
 * Every command has its own options and help; an option a command does not take is a usage error.
 * @module
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertPlatform,
  assertTimeWindow,
  DEFAULT_S3_PREFIX,
  downloadHash,
  isDownloadKeysError,
  linkExpiresAt,
  normalizeS3Prefix,
  oldestRetainedWindow,
  s3ObjectKey,
  timeWindowAt,
  windowBounds,
} from '@local-memory/download-keys';
import {
  type CliIo as BaseCliIo,
  parseTimeArgument,
  readConfiguredSecret,
} from '@local-memory/download-keys/node';
import { Command, CommanderError } from 'commander';
import prettyBytes from 'pretty-bytes';
import pkg from '../../package.json' with { type: 'json' };
import { makeDemoRelease } from '../demoRelease.js';
import { type FetchPolicy, fetchArtifacts, parseDispatch, validateDispatch } from '../dispatch.js';
import { acquireLease, defaultOwner, type Lease } from '../lease.js';
import { cleanup, type OperationContext, rotate, upload, verify } from '../operations.js';
import { FsStore } from '../store/fsStore.js';
import { S3Store, type S3StoreOptions } from '../store/s3Store.js';
import { OpsError, type Store } from '../store/types.js';
import { progressReporter } from './progress.js';

/** What the CLI talks to; tests pass their own. */
export interface CliIo extends BaseCliIo {
  /** Whether stderr is a terminal (progress bar) or a log (plain lines). */
  readonly isTTY?: boolean;
  /** The terminal stream the progress bar draws on (only used when isTTY). */
  readonly stderrStream?: NodeJS.WritableStream;
  /** Store override for tests (fault injection); normally built from the options. */
  readonly store?: Store;
  /** Test only: fetch switches (file:// and loopback http) and timeouts for apply-dispatch. */
  readonly fetchPolicy?: FetchPolicy & { readonly idleTimeoutMs?: number };
  /** Test only: how often a waiting writer polls the lease, in milliseconds. */
  readonly leasePollMs?: number;
  /**
   * Called with a function that releases the leases held, so the process can give them back when
   * interrupted (Ctrl-C) instead of leaving them to expire. bin.ts wires it to SIGINT/SIGTERM.
   */
  readonly onLeases?: (releaseAll: () => Promise<void>) => void;
}

class UsageError extends Error {}

/** Options every command that reads the store takes. */
interface StoreOptions {
  dir?: string;
  bucket?: string;
  region?: string;
  endpoint?: string;
  prefix?: string;
  secretFile?: string;
  at?: string;
  json?: boolean;
  debug?: boolean;
  wait?: string;
}

function parseNow(at: string | undefined, io: CliIo): number {
  if (at === undefined) return Math.floor(io.now());
  const seconds = parseTimeArgument(at);
  if (seconds === null)
    throw new UsageError(
      `--at must be Unix seconds or an RFC 3339 date (2025-08-24T00:00:00Z), got ${JSON.stringify(at)}`,
    );
  return seconds;
}

function parseWindowOption(text: string): number {
  if (!/^\d+$/.test(text))
    throw new UsageError(`--window must be a whole number, got ${JSON.stringify(text)}`);
  const value = Number(text);
  assertTimeWindow(value, '--window');
  return value;
}

function parseSeconds(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text))
    throw new UsageError(`${name} must be a whole number of seconds, got ${JSON.stringify(text)}`);
  return Number(text);
}

function resolvePrefix(values: StoreOptions, io: CliIo): string {
  const prefix = normalizeS3Prefix(
    values.prefix ?? io.env.S3_PREFIX ?? DEFAULT_S3_PREFIX,
    '--prefix',
  );
  if (prefix === '')
    throw new UsageError(
      '--prefix must not be empty: operations stay inside one prefix of the bucket',
    );
  return prefix;
}

/**
 * One store, named once: a folder (--dir / DOWNLOAD_STORE_DIR) or a bucket (--bucket /
 * S3_BUCKET). Naming both, by option or environment, is an error rather than a silent choice.
 */
function resolveStore(values: StoreOptions, io: CliIo): Store {
  const dir = values.dir ?? io.env.DOWNLOAD_STORE_DIR;
  const bucket = values.bucket ?? io.env.S3_BUCKET;
  if (dir && bucket) {
    const dirFrom = values.dir !== undefined ? '--dir' : 'DOWNLOAD_STORE_DIR';
    const bucketFrom = values.bucket !== undefined ? '--bucket' : 'S3_BUCKET';
    throw new UsageError(
      `${dirFrom} (a folder) and ${bucketFrom} (an S3 bucket) name two stores; give exactly one (unset the other variable or drop the option)`,
    );
  }
  if (dir && (values.endpoint !== undefined || values.region !== undefined))
    throw new UsageError('--endpoint and --region apply to an S3 bucket, not to --dir');
  if (io.store) return io.store;
  if (dir) return new FsStore(dir);
  if (!bucket) {
    throw new OpsError(
      'no store given: set S3_BUCKET (or --bucket) for S3, or DOWNLOAD_STORE_DIR (or --dir) for a local folder',
      'NO_BUCKET',
    );
  }
  const endpoint = values.endpoint ?? io.env.S3_ENDPOINT;
  if (endpoint !== undefined && !/^https?:\/\/[^/]+/.test(endpoint))
    throw new UsageError(`--endpoint must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
  return new S3Store({
    bucket,
    region: values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: io.env.S3_FORCE_PATH_STYLE === 'true' || endpoint !== undefined,
    ...credentialsFrom(io.env),
  });
}

/**
 * Keys in the CLI's own environment win (that is the first link of the standard chain; it
 * matters when the CLI runs in-process with an environment of its own); otherwise the SDK's
 * default chain (profile, web identity from OIDC, instance role) decides.
 */
function credentialsFrom(env: CliIo['env']): Pick<S3StoreOptions, 'client'> {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return {};
  const sessionToken = env.AWS_SESSION_TOKEN;
  return {
    client: {
      credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    },
  };
}

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new OpsError(
      `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      'NO_FILE',
    );
  }
  try {
    const json: unknown = JSON.parse(text);
    // Accept the whole repository_dispatch event ($GITHUB_EVENT_PATH) as well as its payload.
    if (typeof json === 'object' && json !== null && 'client_payload' in json && 'action' in json)
      return (json as { client_payload: unknown }).client_payload;
    return json;
  } catch (error) {
    throw new OpsError(`${path} is not valid JSON: ${(error as Error).message}`, 'BAD_JSON');
  }
}

/**
 * An error that carries a machine code: ours, or download-keys' (matched by shape as well as by
 * `isDownloadKeysError`, so a second copy of its classes in another bundle still counts).
 */
function codedError(error: unknown): { code: string; message: string } | null {
  if (error instanceof OpsError || isDownloadKeysError(error))
    return { code: error.code, message: error.message };
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code) && typeof message === 'string')
    return { code, message };
  return null;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

const STORE_HELP = `
Store (exactly one): --dir PATH or $DOWNLOAD_STORE_DIR for a folder with the S3 layout;
--bucket NAME or $S3_BUCKET for S3 (AWS credentials from the standard chain).
Secret: --secret-file PATH, else $DOWNLOAD_SECRET_FILE, else $DOWNLOAD_SECRET (never argv).`;

/** Example command lines for a command's help. */
function exampleLines(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ download-ops ${l}`).join('\n')}\n`;
}

/** Examples for a command that reads the store, followed by how the store and secret are named. */
function examples(...lines: string[]): string {
  return `${exampleLines(...lines)}${STORE_HELP}\n`;
}

function addOutputOptions(command: Command): Command {
  return command
    .option('--json', 'machine-readable output on stdout')
    .option('--debug', 'print stack traces of unexpected failures');
}

function addAtOption(command: Command): Command {
  return command.option('--at <time>', 'Unix seconds or an RFC 3339 date instead of the clock');
}

function addStoreOptions(command: Command): Command {
  return addOutputOptions(
    addAtOption(
      command
        .option('--dir <path>', 'a local folder with the S3 layout (env DOWNLOAD_STORE_DIR)')
        .option('--bucket <name>', 'S3 bucket (env S3_BUCKET)')
        .option('--region <region>', 'AWS region, default us-east-1 (env AWS_REGION)')
        .option('--endpoint <url>', 'S3-compatible endpoint, path-style (env S3_ENDPOINT)')
        .option('--prefix <prefix>', 'key prefix, default "downloads" (env S3_PREFIX)')
        .option('--secret-file <path>', 'read the download secret from this file'),
    ),
  );
}

function addLeaseOption(command: Command): Command {
  return command.option(
    '--wait <seconds>',
    'how long to wait for another writer holding the store lease (default 120)',
  );
}

/**
 * Run the CLI.
 * @param argv - arguments after the program name
 * @param io - environment, output and clock
 * @returns the exit code: 0 ok, 1 failed, 2 usage
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const wantsJson = argv.includes('--json');
  const wantsDebug = argv.includes('--debug');
  let exitCode = 0;
  const stores: Store[] = [];
  const leases: Lease[] = [];
  const releaseAll = async () => {
    for (const taken of leases.splice(0)) {
      try {
        await taken.release();
      } catch {
        // an expired lease is taken over; nothing more to do here
      }
    }
  };
  io.onLeases?.(releaseAll);

  const output = (opts: { json?: boolean }) => {
    const json = opts.json === true;
    return {
      json,
      print: (human: string, data: unknown) =>
        io.stdout(json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`),
      log: json ? undefined : (line: string) => io.stderr(`${line}\n`),
    };
  };

  const openStore = async (opts: StoreOptions) => {
    const secret = await readConfiguredSecret(io.env, opts.secretFile);
    const prefix = resolvePrefix(opts, io);
    const now = parseNow(opts.at, io);
    const store = resolveStore(opts, io);
    stores.push(store);
    await store.check?.();
    const { log } = output(opts);
    const ctx: OperationContext = { store, secret, prefix, now, ...(log ? { log } : {}) };
    return ctx;
  };

  const lease = async (ctx: OperationContext, opts: StoreOptions, command: string) => {
    const taken = await acquireLease(ctx.store, ctx.prefix, {
      command,
      now: io.now,
      waitSeconds: parseSeconds(opts.wait, '--wait', 120),
      ...(io.leasePollMs !== undefined ? { pollMs: io.leasePollMs } : {}),
      owner: defaultOwner(io.env),
      ...(ctx.log ? { log: ctx.log } : {}),
    });
    leases.push(taken);
    return taken;
  };

  const program = new Command('download-ops')
    .description(
      "Upload, verify, rotate and clean Local Memory's time-windowed release ZIPs in S3 or a local folder.",
    )
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'help for a command: download-ops help <command>')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) =>
        write(
          `${text.replace(/^error: /, 'download-ops: ').trimEnd()} (run \`download-ops help\` for usage)\n`,
        ),
    })
    .addHelpText(
      'after',
      `\nExit codes: 0 success, 1 failure (the message says what to do), 2 usage.${STORE_HELP}\n`,
    );

  addLeaseOption(
    addStoreOptions(
      program
        .command('upload')
        .description(
          'upload the four platform ZIPs in <dir> to the current and next windows, read each back, record the release manifest',
        )
        .argument('<dir>', 'folder holding the platform ZIPs'),
    ),
  )
    .option('--build-version <version>', 'recorded on the objects and in the manifest')
    .option('--build-commit <sha>', 'recorded on the objects and in the manifest')
    .option('--reset-build', 'forget the recorded build version and commit')
    .option('--force', 'upload every object even if it already holds these bytes')
    .option('--deep', 're-hash stored objects before skipping them (repairs flipped bytes)')
    .option('--dry-run', 'print what would be uploaded; change nothing')
    .addHelpText(
      'after',
      examples(
        'upload ./release --build-version 1.4.2 --build-commit abc1234',
        'upload ./release --dry-run --json',
        'upload ./release --deep     # after verify --deep found wrong bytes',
      ),
    )
    .action(async (dir: string, opts: StoreOptions & Record<string, unknown>) => {
      const { print, json } = output(opts);
      const ctx = await openStore(opts);
      const dryRun = opts.dryRun === true;
      if (!dryRun) await lease(ctx, opts, 'upload');
      const progress = dryRun ? undefined : progressReporter(io, json);
      const result = await upload(ctx, {
        releaseDir: dir,
        build: {
          ...(typeof opts.buildVersion === 'string' ? { version: opts.buildVersion } : {}),
          ...(typeof opts.buildCommit === 'string' ? { commit: opts.buildCommit } : {}),
        },
        resetBuild: opts.resetBuild === true,
        force: opts.force === true,
        deep: opts.deep === true,
        dryRun,
        ...(progress ? { progress } : {}),
      });
      const windows = result.windows.join(' and ');
      print(
        dryRun
          ? `upload (dry run): would upload ${result.uploaded.length} objects (${prettyBytes(result.bytes)}), ${result.repaired.length} of them replacing other content; ${result.unchanged.length} already in place; windows ${windows} in ${ctx.store.description}`
          : `uploaded ${result.uploaded.length} objects (${prettyBytes(result.bytes)}; ${result.repaired.length} replaced other content), ${result.unchanged.length} already in place, windows ${windows} in ${ctx.store.description}`,
        result,
      );
    });

  addStoreOptions(
    program
      .command('verify')
      .description(
        "every platform is in the current and next windows (or --window W) with the release's size and SHA-256",
      ),
  )
    .option('--window <window>', 'check this window only')
    .option('--deep', 're-hash the stored bytes (downloads every object)')
    .addHelpText(
      'after',
      examples('verify', 'verify --deep --json', 'verify --window 40648 --dir ./store'),
    )
    .action(async (opts: StoreOptions & { window?: string; deep?: boolean }) => {
      const { print } = output(opts);
      const windows = opts.window !== undefined ? [parseWindowOption(opts.window)] : null;
      const ctx = await openStore(opts);
      const result = await verify(ctx, {
        ...(windows ? { windows } : {}),
        deep: opts.deep === true,
      });
      if (!result.ok) {
        const missing = result.problems.some((p) => p.problem === 'missing');
        const wrong = result.problems.some((p) => p.problem !== 'missing');
        const advice = [
          ...(missing ? ['Run `download-ops rotate` to fill missing windows.'] : []),
          ...(wrong
            ? [
                `Run \`download-ops upload <dir>${opts.deep ? ' --deep' : ''}\` with the release's ZIPs to replace the wrong objects.`,
              ]
            : []),
        ];
        print(
          `verify FAILED: ${result.problems.length} of ${result.checked} objects are missing or wrong:\n${result.problems.map((p) => `  - ${p.detail}`).join('\n')}\n${advice.join('\n')}`,
          result,
        );
        exitCode = 1;
        return;
      }
      print(
        `verify ok: ${result.checked} objects in windows ${result.windows.join(' and ')}${opts.deep ? ' (bytes re-hashed)' : ' (checksum metadata)'}`,
        result,
      );
    });

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
      const { print, json } = output(opts);
      const ctx = await openStore(opts);
      const dryRun = opts.dryRun === true;
      if (!dryRun) await lease(ctx, opts, 'rotate');
      const progress = dryRun ? undefined : progressReporter(io, json);
      const result = await rotate(ctx, { dryRun, ...(progress ? { progress } : {}) });
      const windows = result.windows.join(' and ');
      print(
        result.copied.length === 0
          ? `rotate${dryRun ? ' (dry run)' : ''}: windows ${windows} already complete`
          : `rotate${dryRun ? ' (dry run): would copy' : ': copied'} ${result.copied.length} objects from window ${result.sourceWindow} into windows ${windows}`,
        result,
      );
    });

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
      const { print } = output(opts);
      const ctx = await openStore(opts);
      const dryRun = opts.dryRun === true;
      if (!dryRun) await lease(ctx, opts, 'cleanup');
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

  addOutputOptions(
    addAtOption(
      program
        .command('window')
        .description('the current window, its bounds and how long links last'),
    ),
  )
    .addHelpText('after', exampleLines('window', 'window --at 2025-08-24T00:00:00Z --json'))
    .action((opts: { at?: string; json?: boolean }) => {
      const { print } = output(opts);
      const now = parseNow(opts.at, io);
      const timeWindow = timeWindowAt(now);
      const bounds = windowBounds(timeWindow);
      const data = {
        timeWindow,
        windowStart: bounds.windowStart,
        windowEnd: bounds.windowEnd,
        nextWindow: timeWindow + 1,
        linksIssuedNowExpireAt: linkExpiresAt(now),
        oldestRetainedWindow: oldestRetainedWindow(timeWindow),
      };
      print(
        `window ${timeWindow}: ${new Date(bounds.windowStart * 1000).toISOString()} to ${new Date(bounds.windowEnd * 1000).toISOString()}\n` +
          `upload targets windows ${timeWindow} and ${timeWindow + 1}; cleanup keeps ${data.oldestRetainedWindow} and later\n` +
          `a link handed out now works until ${new Date(data.linksIssuedNowExpireAt * 1000).toISOString()}`,
        data,
      );
    });

  addOutputOptions(
    program
      .command('hash')
      .description('the download hash and object key, for debugging a link')
      .requiredOption('--window <window>', 'the time window')
      .requiredOption('--platform <platform>', 'the platform')
      .option('--secret-file <path>', 'read the download secret from this file')
      .option('--prefix <prefix>', 'key prefix, default "downloads" (env S3_PREFIX)'),
  )
    .addHelpText('after', exampleLines('hash --window 40648 --platform linux'))
    .action(
      async (opts: {
        window: string;
        platform: string;
        secretFile?: string;
        prefix?: string;
        json?: boolean;
      }) => {
        const { print } = output(opts);
        const timeWindow = parseWindowOption(opts.window);
        const platform = opts.platform;
        try {
          assertPlatform(platform, '--platform');
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        const secret = await readConfiguredSecret(io.env, opts.secretFile);
        const prefix = resolvePrefix(opts, io);
        const hash = downloadHash(secret, timeWindow, platform);
        const s3Key = s3ObjectKey(secret, timeWindow, platform, prefix);
        print(`${hash}\n${s3Key}`, { timeWindow, platform, downloadHash: hash, s3Key });
      },
    );

  addOutputOptions(
    program
      .command('make-demo-release')
      .description('write four clearly labelled DEMO ZIPs into <dir>')
      .argument('<dir>', 'target folder'),
  )
    .addHelpText('after', exampleLines('make-demo-release ./demo-release'))
    .action(async (dir: string, opts: { json?: boolean }) => {
      const { print } = output(opts);
      const files = await makeDemoRelease(dir);
      print(
        `wrote ${files.length} DEMO ZIPs to ${dir}:\n${files.map((f) => `  ${f}`).join('\n')}`,
        {
          files,
        },
      );
    });

  addOutputOptions(
    program
      .command('validate-dispatch')
      .description('check a binaries-updated payload (client_payload or the whole event)')
      .argument('<payload.json>', 'the payload or $GITHUB_EVENT_PATH'),
  )
    .addHelpText('after', exampleLines('validate-dispatch "$GITHUB_EVENT_PATH"'))
    .action(async (file: string, opts: { json?: boolean }) => {
      const { print } = output(opts);
      const payload = await readJsonFile(file);
      const problems = validateDispatch(payload);
      if (problems.length > 0) {
        print(`invalid binaries-updated payload:\n  - ${problems.join('\n  - ')}`, {
          valid: false,
          problems,
        });
        exitCode = 1;
        return;
      }
      print('valid binaries-updated payload', { valid: true, problems: [] });
    });

  addLeaseOption(
    addStoreOptions(
      program
        .command('apply-dispatch')
        .description(
          'validate a binaries-updated payload, fetch each ZIP (https only, bounded, retried), check size and SHA-256, upload, verify',
        )
        .argument('<payload.json>', 'the payload or $GITHUB_EVENT_PATH'),
    ),
  )
    .option('--work-dir <dir>', 'keep the fetched ZIPs here (default: a temporary folder)')
    .option('--force', 'upload every object again (the payload\'s "force": true does the same)')
    .option('--dry-run', 'validate and fetch, print what would be uploaded; change nothing')
    .addHelpText(
      'after',
      examples('apply-dispatch "$RUNNER_TEMP/payload.json" --work-dir "$RUNNER_TEMP/zips"'),
    )
    .action(
      async (
        file: string,
        opts: StoreOptions & { workDir?: string; force?: boolean; dryRun?: boolean },
      ) => {
        const { print, log, json } = output(opts);
        const payload = parseDispatch(await readJsonFile(file), io.fetchPolicy);
        const ctx = await openStore(opts);
        const dryRun = opts.dryRun === true;
        const workDir = opts.workDir ?? (await mkdtemp(join(tmpdir(), 'binaries-updated-')));
        try {
          await fetchArtifacts(payload, workDir, { ...(log ? { log } : {}), ...io.fetchPolicy });
          if (!dryRun) await lease(ctx, opts, 'apply-dispatch');
          const progress = dryRun ? undefined : progressReporter(io, json);
          const releasedAt = Math.floor(Date.parse(payload.released_at) / 1000);
          const uploaded = await upload(ctx, {
            releaseDir: workDir,
            build: { version: payload.version, commit: payload.commit },
            force: opts.force === true || payload.force === true,
            dryRun,
            ...(Number.isFinite(releasedAt) ? { releasedAt } : {}),
            ...(progress ? { progress } : {}),
          });
          if (dryRun) {
            print(
              `apply-dispatch (dry run): release ${payload.version} fetched and checked; would upload ${uploaded.uploaded.length} objects (${prettyBytes(uploaded.bytes)}) into windows ${uploaded.windows.join(' and ')}`,
              { version: payload.version, commit: payload.commit, uploaded },
            );
            return;
          }
          const verified = await verify(ctx, { deep: true });
          if (!verified.ok) {
            print(
              `apply-dispatch: uploaded, but verify FAILED:\n${verified.problems.map((p) => `  - ${p.detail}`).join('\n')}`,
              { uploaded, verified },
            );
            exitCode = 1;
            return;
          }
          print(
            `apply-dispatch: release ${payload.version} (${payload.commit.slice(0, 7)}) is in windows ${uploaded.windows.join(' and ')}; ${uploaded.uploaded.length} objects uploaded, ${verified.checked} verified`,
            { version: payload.version, commit: payload.commit, uploaded, verified },
          );
        } finally {
          if (opts.workDir === undefined) await rm(workDir, { recursive: true, force: true });
        }
      },
    );

  /** Under --json, scripts get the failure as an object on stdout as well. */
  const jsonError = (code: string, message: string) => {
    if (wantsJson) io.stdout(`${JSON.stringify({ error: { code, message: oneLine(message) } })}\n`);
  };

  const usage = (message: string) => {
    io.stderr(`download-ops: ${oneLine(message)} (run \`download-ops help\` for usage)\n`);
    jsonError('USAGE', message);
    return 2;
  };

  try {
    if (argv.length === 0) return usage('a command is required');
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.help' ||
        error.code === 'commander.version'
      )
        return 0;
      // commander already printed the message; under --json scripts get the object too.
      jsonError('USAGE', error.message.replace(/^error: /, ''));
      return 2;
    }
    if (error instanceof UsageError) return usage(error.message);
    const coded = codedError(error);
    if (coded !== null) {
      io.stderr(`download-ops: ${oneLine(coded.message)}\n`);
      if (wantsDebug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
      jsonError(coded.code, coded.message);
      return 1;
    }
    const message = `unexpected failure: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    io.stderr(
      `download-ops: ${oneLine(message)}${wantsDebug ? '' : ' (run again with --debug for the stack)'}\n`,
    );
    if (wantsDebug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    jsonError('UNEXPECTED', message);
    return 1;
  } finally {
    await releaseAll();
    for (const store of stores) if (store instanceof S3Store) store.destroy();
  }
}
