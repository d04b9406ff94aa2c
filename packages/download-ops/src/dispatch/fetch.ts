/**
 * Fetch each artifact of a validated dispatch (https:// only, bounded by its declared size,
 * retried on network errors), check size and SHA-256, and leave the ZIPs in a folder for `upload`.
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import prettyBytes from 'pretty-bytes';
import { isOpsError, OpsError } from '../errors.js';
import { type RetryOptions, withRetry } from '../retry.js';
import type { BinariesUpdatedPayload, DispatchArtifact } from './payload.js';
import { assertFetchableUrl, type FetchPolicy } from './urlPolicy.js';

export interface FetchOptions extends FetchPolicy {
  readonly fetch?: typeof fetch;
  readonly log?: (line: string) => void;
  /** Give up on a request that sends nothing for this long. Default 60 000 ms. */
  readonly idleTimeoutMs?: number;
  readonly retry?: RetryOptions;
  /** Redirect hops followed at most. Default 5. */
  readonly maxRedirects?: number;
}

/** Another attempt may get an answer: the retry helper reads `retryable`. */
const timeoutError = (url: string, ms: number) =>
  new OpsError(`${url} sent nothing for ${ms / 1000} s`, 'FETCH_TIMEOUT', { retryable: true });

/** Throttling, a timeout and 5xx answers may go away on another attempt; 4xx answers do not. */
const retryableStatus = (status: number) => status >= 500 || status === 429 || status === 408;

/** Failures of one attempt that no retry or wrapping should hide: they are the answer. */
const FINAL = ['UNSAFE_URL', 'TOO_LARGE', 'TOO_MANY_REDIRECTS'] as const;

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
      throw new OpsError(`GET ${url.href} answered ${response.status}`, 'HTTP_STATUS', {
        retryable: retryableStatus(response.status),
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
  // Our own codes are in the message already; a socket's code (ECONNRESET) is worth adding.
  const code = e?.cause?.code ?? (error instanceof OpsError ? undefined : e?.code);
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
      if (isOpsError(error, ...FINAL)) throw error;
      throw new OpsError(
        `cannot download ${artifact.name} from ${artifact.url}: ${describeFetchFailure(error)}. Check that the release asset exists and is reachable, then run the command again; nothing was uploaded.`,
        'FETCH_FAILED',
        { cause: error },
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
