/**
 * The `binaries-updated` repository_dispatch from the Go repository: validate its client_payload
 * against the JSON Schema kept in this package, fetch each ZIP (https:// only, bounded by its
 * declared size, retried on network errors), check size and SHA-256, and hand the folder to `upload`.
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { PLATFORM_CATALOGUE, type Platform } from '@local-memory/download-keys';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import prettyBytes from 'pretty-bytes';
import { type RetryOptions, withRetry } from './retry.js';
import { OpsError } from './store/types.js';

/** Where the schema lives (shipped beside dist/ and src/). */
export const SCHEMA_PATH = fileURLToPath(
  new URL('../schema/binaries-updated.schema.json', import.meta.url),
);

export interface DispatchArtifact {
  readonly platform: Platform;
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
  readonly url: string;
}

export interface BinariesUpdatedPayload {
  readonly version: string;
  readonly commit: string;
  readonly repository: string;
  readonly run_id?: string;
  readonly run_url: string;
  readonly released_at: string;
  readonly force?: boolean;
  readonly artifacts: readonly DispatchArtifact[];
}

type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

let compiled: ReturnType<Ajv2020['compile']> | undefined;
function validator() {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  }
  return compiled;
}

function describeError(error: ErrorObject): string {
  const where =
    error.instancePath === '' ? 'the payload' : error.instancePath.slice(1).replaceAll('/', '.');
  if (error.keyword === 'additionalProperties')
    return `${where} has an unexpected property "${(error.params as { additionalProperty: string }).additionalProperty}"`;
  if (error.keyword === 'required')
    return `${where} lacks "${(error.params as { missingProperty: string }).missingProperty}"`;
  if (error.keyword === 'enum')
    return `${where} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return `${where} ${error.message ?? 'is invalid'}`;
}

/**
 * Validate a client_payload: the schema, then what a schema cannot say (each platform once, the
 * file name matching the platform).
 * @returns the readable problems; empty when valid
 */
export function validateDispatch(payload: unknown, policy: FetchPolicy = {}): string[] {
  const validate = validator();
  if (!validate(payload)) {
    const errors = (validate.errors ?? []).filter((error) => {
      // Test switches only: a URL the test policy accepts passes the https:// pattern.
      if (!(policy.allowFileUrls || policy.allowLoopbackHttp)) return true;
      if (error.keyword !== 'pattern' || !/^\/artifacts\/\d+\/url$/.test(error.instancePath))
        return true;
      const url = instanceAt(payload, error.instancePath);
      try {
        assertFetchableUrl(String(url), policy);
        return false;
      } catch {
        return true;
      }
    });
    if (errors.length > 0) return errors.map(describeError);
  }
  const { artifacts } = payload as BinariesUpdatedPayload;
  const problems: string[] = [];
  const seen = new Set<string>();
  artifacts.forEach((artifact, index) => {
    if (seen.has(artifact.platform))
      problems.push(`artifacts.${index}.platform "${artifact.platform}" appears twice`);
    seen.add(artifact.platform);
    const expected = PLATFORM_CATALOGUE[artifact.platform].filename;
    if (artifact.name !== expected)
      problems.push(
        `artifacts.${index}.name must be "${expected}" for platform ${artifact.platform}`,
      );
  });
  return problems;
}

function instanceAt(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], value);
}

/**
 * Parse and validate, or throw OpsError INVALID_PAYLOAD listing every problem.
 * @param payload - the parsed JSON
 * @param policy - test switches (file:// and loopback http URLs)
 * @returns the typed payload
 * @throws {OpsError} INVALID_PAYLOAD
 */
export function parseDispatch(payload: unknown, policy: FetchPolicy = {}): BinariesUpdatedPayload {
  const problems = validateDispatch(payload, policy);
  if (problems.length > 0) {
    throw new OpsError(
      `the binaries-updated payload is invalid: ${problems.join('; ')}`,
      'INVALID_PAYLOAD',
    );
  }
  return payload as BinariesUpdatedPayload;
}

/** How artifacts may be fetched. The two `allow*` switches exist for tests only. */
export interface FetchPolicy {
  /** Test only: accept `file://` URLs (never in production: any file on the runner could be read). */
  readonly allowFileUrls?: boolean;
  /** Test only: accept `http://` to 127.0.0.1, ::1 or localhost (loopback test servers). */
  readonly allowLoopbackHttp?: boolean;
}

export interface FetchOptions extends FetchPolicy {
  readonly fetch?: typeof fetch;
  readonly log?: (line: string) => void;
  /** Give up on a request that sends nothing for this long. Default 60 000 ms. */
  readonly idleTimeoutMs?: number;
  readonly retry?: RetryOptions;
  /** Redirect hops followed at most. Default 5. */
  readonly maxRedirects?: number;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Check that a URL (the first or any redirect hop) may be fetched: `https:` only, unless a test
 * switch allows `file:` or loopback `http:`.
 * @param url - the URL about to be requested
 * @param policy - test switches
 * @returns the parsed URL
 * @throws {OpsError} UNSAFE_URL
 */
export function assertFetchableUrl(url: string, policy: FetchPolicy = {}): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OpsError(`${JSON.stringify(url)} is not a URL`, 'UNSAFE_URL');
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'file:' && policy.allowFileUrls) return parsed;
  if (parsed.protocol === 'http:' && policy.allowLoopbackHttp && LOOPBACK.has(parsed.hostname))
    return parsed;
  throw new OpsError(
    `refusing to fetch ${parsed.protocol}//${parsed.host}${parsed.pathname}: artifacts are fetched over https:// only, on every redirect hop`,
    'UNSAFE_URL',
  );
}

function timeoutError(url: string, ms: number): Error {
  return Object.assign(new Error(`${url} sent nothing for ${ms / 1000} s`), {
    name: 'TimeoutError',
  });
}

/** One attempt: follow redirects by hand (each hop checked), stream into `target`, bounded. */
async function fetchOnce(
  artifact: DispatchArtifact,
  target: string,
  options: FetchOptions,
): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > artifact.size) {
        done(
          new OpsError(
            `${artifact.name} from ${artifact.url} is larger than the ${artifact.size} bytes the payload declares; stopped reading after ${bytes} bytes and uploaded nothing`,
            'TOO_LARGE',
          ),
        );
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  let url = assertFetchableUrl(artifact.url, options);
  if (url.protocol === 'file:') {
    await pipeline(createReadStream(fileURLToPath(url)), limit, createWriteStream(target));
    return { size: bytes, sha256: hash.digest('hex') };
  }
  const idleMs = options.idleTimeoutMs ?? 60_000;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(timeoutError(url.href, idleMs)), idleMs);
  };
  try {
    arm();
    let response: Response | undefined;
    for (let hop = 0; ; hop++) {
      response = await (options.fetch ?? fetch)(url, {
        redirect: 'manual',
        signal: controller.signal,
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        if (hop >= (options.maxRedirects ?? 5))
          throw new OpsError(`${artifact.url} redirects more than 5 times`, 'TOO_MANY_REDIRECTS');
        url = assertFetchableUrl(new URL(location, url).href, options);
        if (url.protocol === 'file:')
          throw new OpsError(`${artifact.url} redirects to a file:// URL`, 'UNSAFE_URL');
        continue;
      }
      break;
    }
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      throw Object.assign(new Error(`GET ${url.href} answered ${response.status}`), {
        $metadata: { httpStatusCode: response.status },
      });
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > artifact.size) {
      await response.body.cancel();
      throw new OpsError(
        `${artifact.name} from ${artifact.url} is ${declared} bytes (Content-Length), more than the ${artifact.size} the payload declares; nothing was downloaded or uploaded`,
        'TOO_LARGE',
      );
    }
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
    body.on('data', arm);
    await pipeline(body, limit, createWriteStream(target));
    return { size: bytes, sha256: hash.digest('hex') };
  } catch (error) {
    // An abort surfaces as the fetch's AbortError; report the idle timeout that caused it.
    if (controller.signal.aborted && !(error instanceof OpsError))
      throw controller.signal.reason as Error;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function describeFetchFailure(error: unknown): string {
  const e = error as { message?: string; code?: string; cause?: { code?: string } };
  const code = e?.cause?.code ?? e?.code;
  const attempts = (error as { $attempts?: number })?.$attempts;
  return `${e?.message ?? String(error)}${code ? ` (${code})` : ''}${attempts ? `, ${attempts} attempts` : ''}`;
}

/**
 * Download every artifact into `workDir` and check its size and SHA-256 against the payload.
 * Reading stops as soon as an artifact exceeds its declared size; network failures are retried
 * with backoff; every redirect hop must be https. A mismatch deletes the file and fails: nothing
 * unverified reaches the store.
 * @param payload - the validated dispatch
 * @param workDir - where the ZIPs go
 * @param options - fetch implementation, log, timeouts and test switches
 * @throws {OpsError} UNSAFE_URL, TOO_LARGE, FETCH_FAILED, CHECKSUM_MISMATCH
 */
export async function fetchArtifacts(
  payload: BinariesUpdatedPayload,
  workDir: string,
  options: FetchOptions = {},
): Promise<void> {
  await mkdir(workDir, { recursive: true });
  // Every URL is checked before anything is fetched.
  for (const artifact of payload.artifacts) assertFetchableUrl(artifact.url, options);
  for (const artifact of payload.artifacts) {
    const target = join(workDir, artifact.name);
    let result: { size: number; sha256: string };
    try {
      result = await withRetry(() => fetchOnce(artifact, target, options), {
        ...options.retry,
        onRetry: (attempt, error) =>
          options.log?.(
            `retrying ${artifact.name} after attempt ${attempt}: ${describeFetchFailure(error)}`,
          ),
      });
    } catch (error) {
      await rm(target, { force: true });
      if (error instanceof OpsError) throw error;
      throw new OpsError(
        `cannot download ${artifact.name} from ${artifact.url}: ${describeFetchFailure(error)}. Check that the release asset exists and is reachable, then run the command again; nothing was uploaded.`,
        'FETCH_FAILED',
      );
    }
    const { size, sha256 } = result;
    if (size !== artifact.size || sha256 !== artifact.sha256) {
      await rm(target, { force: true });
      throw new OpsError(
        `${artifact.name} from ${artifact.url} does not match the payload: ${size} bytes with sha256 ${sha256}, expected ${artifact.size} bytes with sha256 ${artifact.sha256}. The build or the upload of the asset is broken; nothing was uploaded.`,
        'CHECKSUM_MISMATCH',
      );
    }
    options.log?.(`fetched   ${artifact.name} (${prettyBytes(size)}, sha256 ok)`);
  }
}
