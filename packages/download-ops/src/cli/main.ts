/**
 * `download-ops`: the operations CLI. `main(argv, io)` returns the exit code: 0 success, 1 failure,
 * 2 usage. Tests call it directly; bin.ts wires it to the process.
 * @module
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
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
import { makeDemoRelease } from '../demoRelease.js';
import { fetchArtifacts, parseDispatch, validateDispatch } from '../dispatch.js';
import { cleanup, type OperationContext, rotate, upload, verify } from '../operations.js';
import { FsStore } from '../store/fsStore.js';
import { S3Store, type S3StoreOptions } from '../store/s3Store.js';
import { OpsError, type Store } from '../store/types.js';
import { progressReporter } from './progress.js';

/** What the CLI talks to; tests pass their own. */
export interface CliIo extends BaseCliIo {
  /** Whether stderr is a terminal (progress bar) or a log (quiet lines). */
  readonly isTTY?: boolean;
  /** Store override for tests (fault injection); normally built from the options. */
  readonly store?: Store;
}

export const USAGE = `Usage: download-ops <command> [options]

Commands
  upload <dir> [--force]        upload the four platform ZIPs in <dir> to the current and next
                                windows, read each back, record the release manifest; objects
                                already holding the same bytes are skipped unless --force
  verify [--window W] [--deep]  every platform exists in the current and next windows (or W) with
                                the release's size and SHA-256; --deep re-hashes the stored bytes
  rotate                        fill the current and next windows by server-side copy from the
                                newest complete window (run every few hours)
  cleanup [--dry-run]           delete windows older than current - 4
  window                        the current window, its bounds and how long links last
  hash --window W --platform P  the download hash and object key, for debugging a link
  make-demo-release <dir>       write four clearly labelled DEMO ZIPs into <dir>
  validate-dispatch <file>      check a binaries-updated payload (client_payload or the whole event)
  apply-dispatch <file> [--work-dir D] [--force]
                                validate, fetch each ZIP, check size and SHA-256, upload, verify
                                (the payload's "force": true acts as --force)

Store (one of)
  --dir PATH          a local folder with the S3 layout      (env DOWNLOAD_STORE_DIR)
  --bucket NAME       S3 bucket                              (env S3_BUCKET)
  --region REGION     default us-east-1                      (env AWS_REGION)
  --endpoint URL      S3-compatible endpoint, path-style     (env S3_ENDPOINT)
  --prefix PREFIX     key prefix, default "downloads"        (env S3_PREFIX)
  AWS credentials come from the standard chain (environment, profile, web identity).

Options
  --secret-file PATH  read the secret from PATH (else $DOWNLOAD_SECRET_FILE, else $DOWNLOAD_SECRET)
  --at TIME           Unix seconds or an ISO 8601 date instead of the clock
  --build-version V, --build-commit SHA   recorded on uploaded objects
  --json              machine-readable output on stdout
  -h, --help          this text

Exit codes: 0 success, 1 failure (the message says what to do), 2 usage.
`;

class UsageError extends Error {}

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  at: { type: 'string' },
  window: { type: 'string' },
  platform: { type: 'string' },
  dir: { type: 'string' },
  bucket: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  prefix: { type: 'string' },
  'secret-file': { type: 'string' },
  'dry-run': { type: 'boolean' },
  deep: { type: 'boolean' },
  force: { type: 'boolean' },
  'work-dir': { type: 'string' },
  'build-version': { type: 'string' },
  'build-commit': { type: 'string' },
} as const;

type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

function parseNow(values: Values, io: CliIo): number {
  if (values.at === undefined) return Math.floor(io.now());
  const seconds = parseTimeArgument(values.at);
  if (seconds === null)
    throw new UsageError(
      `--at must be Unix seconds or an ISO 8601 date, got ${JSON.stringify(values.at)}`,
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

function resolvePrefix(values: Values, io: CliIo): string {
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

function resolveStore(values: Values, io: CliIo): Store {
  if (io.store) return io.store;
  const dir = values.dir ?? io.env.DOWNLOAD_STORE_DIR;
  if (dir) return new FsStore(dir);
  const bucket = values.bucket ?? io.env.S3_BUCKET;
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

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`download-ops: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const json = values.json === true;
  const print = (human: string, data: unknown) =>
    io.stdout(json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`);
  const log = json ? undefined : (line: string) => io.stderr(`${line}\n`);
  let store: Store | undefined;
  try {
    const [command, ...rest] = positionals;
    const context = async (): Promise<OperationContext> => {
      const secret = await readConfiguredSecret(io.env, values['secret-file']);
      store = resolveStore(values, io);
      await store.check?.();
      return {
        store,
        secret,
        prefix: resolvePrefix(values, io),
        now: parseNow(values, io),
        ...(log ? { log } : {}),
      };
    };
    const onePath = (what: string) => {
      if (rest.length !== 1) throw new UsageError(`${command} needs exactly one ${what}`);
      return rest[0] as string;
    };
    const noPositionals = () => {
      if (rest.length > 0) throw new UsageError(`${command} takes no positional arguments`);
    };
    switch (command) {
      case 'window': {
        noPositionals();
        const now = parseNow(values, io);
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
        return 0;
      }
      case 'hash': {
        noPositionals();
        if (values.window === undefined || values.platform === undefined)
          throw new UsageError('hash needs --window W and --platform P');
        const timeWindow = parseWindowOption(values.window);
        const platform = values.platform;
        assertPlatform(platform, '--platform');
        const secret = await readConfiguredSecret(io.env, values['secret-file']);
        const prefix = resolvePrefix(values, io);
        const hash = downloadHash(secret, timeWindow, platform);
        const s3Key = s3ObjectKey(secret, timeWindow, platform, prefix);
        print(`${hash}\n${s3Key}`, { timeWindow, platform, downloadHash: hash, s3Key });
        return 0;
      }
      case 'make-demo-release': {
        const dir = onePath('<dir>');
        const files = await makeDemoRelease(dir);
        print(
          `wrote ${files.length} DEMO ZIPs to ${dir}:\n${files.map((f) => `  ${f}`).join('\n')}`,
          {
            files,
          },
        );
        return 0;
      }
      case 'validate-dispatch': {
        const payload = await readJsonFile(onePath('<payload.json>'));
        const problems = validateDispatch(payload);
        if (problems.length > 0) {
          print(`invalid binaries-updated payload:\n  - ${problems.join('\n  - ')}`, {
            valid: false,
            problems,
          });
          return 1;
        }
        print('valid binaries-updated payload', { valid: true, problems: [] });
        return 0;
      }
      case 'upload': {
        const dir = onePath('<dir>');
        const ctx = await context();
        const progress = progressReporter(io, json);
        const result = await upload(ctx, {
          releaseDir: dir,
          build: {
            ...(values['build-version'] ? { version: values['build-version'] } : {}),
            ...(values['build-commit'] ? { commit: values['build-commit'] } : {}),
          },
          ...(progress ? { onProgress: progress } : {}),
          force: values.force === true,
        });
        print(
          `uploaded ${result.uploaded.length} objects (${result.bytes} bytes), ${result.unchanged.length} already in place, windows ${result.windows.join(' and ')} in ${ctx.store.description}`,
          result,
        );
        return 0;
      }
      case 'verify': {
        noPositionals();
        const windows = values.window !== undefined ? [parseWindowOption(values.window)] : null;
        const ctx = await context();
        const result = await verify(ctx, {
          ...(windows ? { windows } : {}),
          deep: values.deep === true,
        });
        if (!result.ok) {
          print(
            `verify FAILED: ${result.problems.length} of ${result.checked} objects are missing or wrong:\n${result.problems.map((p) => `  - ${p.detail}`).join('\n')}\nRun \`download-ops rotate\` to fill missing windows, or \`download-ops upload <dir>\` to re-upload.`,
            result,
          );
          return 1;
        }
        print(
          `verify ok: ${result.checked} objects in windows ${result.windows.join(' and ')}`,
          result,
        );
        return 0;
      }
      case 'rotate': {
        noPositionals();
        const result = await rotate(await context());
        print(
          result.copied.length === 0
            ? `rotate: windows ${result.windows.join(' and ')} already complete`
            : `rotate: copied ${result.copied.length} objects from window ${result.sourceWindow} into windows ${result.windows.join(' and ')}`,
          result,
        );
        return 0;
      }
      case 'cleanup': {
        noPositionals();
        const result = await cleanup(await context(), { dryRun: values['dry-run'] === true });
        const windows = result.deletedWindows.length ? result.deletedWindows.join(', ') : 'none';
        print(
          result.dryRun
            ? `cleanup (dry run): would delete windows ${windows}; keeping ${result.oldestKept} and later`
            : `cleanup: deleted ${result.deleted} objects in ${result.deleteRequests} requests (windows ${windows}); kept ${result.oldestKept} and later; left ${result.leftAlone} other keys alone`,
          result,
        );
        return 0;
      }
      case 'apply-dispatch': {
        const payload = parseDispatch(await readJsonFile(onePath('<payload.json>')));
        const ctx = await context();
        const workDir = values['work-dir'] ?? (await mkdtemp(join(tmpdir(), 'binaries-updated-')));
        try {
          await fetchArtifacts(payload, workDir, log ? { log } : {});
          const uploaded = await upload(ctx, {
            releaseDir: workDir,
            build: { version: payload.version, commit: payload.commit },
            force: values.force === true || payload.force === true,
          });
          const verified = await verify(ctx, { deep: true });
          if (!verified.ok) {
            print(
              `apply-dispatch: uploaded, but verify FAILED:\n${verified.problems.map((p) => `  - ${p.detail}`).join('\n')}`,
              { uploaded, verified },
            );
            return 1;
          }
          print(
            `apply-dispatch: release ${payload.version} (${payload.commit.slice(0, 7)}) is in windows ${uploaded.windows.join(' and ')}; ${uploaded.uploaded.length} objects uploaded, ${verified.checked} verified`,
            { version: payload.version, commit: payload.commit, uploaded, verified },
          );
          return 0;
        } finally {
          if (values['work-dir'] === undefined) await rm(workDir, { recursive: true, force: true });
        }
      }
      case undefined:
        throw new UsageError('a command is required');
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`download-ops: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof OpsError || isDownloadKeysError(error)) {
      io.stderr(`download-ops: ${error.message}\n`);
      if (json)
        io.stdout(`${JSON.stringify({ error: { code: error.code, message: error.message } })}\n`);
      return 1;
    }
    io.stderr(`download-ops: unexpected failure: ${(error as Error)?.stack ?? error}\n`);
    return 1;
  } finally {
    if (store instanceof S3Store) store.destroy();
  }
}
