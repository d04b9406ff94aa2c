/**
 * What the CLI talks to (environment, output, clock and the policies the composition root
 * passes), and how a command prints: human text, or one JSON document under `--json`.
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { CliIo as BaseCliIo } from '@local-memory/download-keys/node';
import type { FetchPolicy } from '../dispatch/urlPolicy.js';
import { OpsError } from '../errors.js';
import type { LeaseClock } from '../lease.js';
import type { Store } from '../store/types.js';

/** What the CLI talks to; bin.ts passes the process, tests pass their own. */
export interface CliIo extends BaseCliIo {
  /** Whether stderr is a terminal (progress bar) or a log (plain lines). */
  readonly isTTY?: boolean;
  /** The terminal stream the progress bar draws on (only used when isTTY). */
  readonly stderrStream?: NodeJS.WritableStream;
  /** A store to use instead of the one the options name (fault injection). */
  readonly store?: Store;
  /** Which artifact URLs apply-dispatch may fetch, and its idle timeout; default https only. */
  readonly fetchPolicy?: FetchPolicy & { readonly idleTimeoutMs?: number };
  /** How often a waiting writer polls the lease, in milliseconds. */
  readonly leasePollMs?: number;
  /** What a waiting writer measures its wait on; default the process's monotonic clock. */
  readonly leaseClock?: LeaseClock;
  /**
   * Called with a function that releases the leases held, so the process can give them back when
   * interrupted (Ctrl-C) instead of leaving them to expire. bin.ts wires it to SIGINT/SIGTERM.
   */
  readonly onLeases?: (releaseAll: () => Promise<void>) => void;
}

/** How one command prints. */
export interface Output {
  readonly json: boolean;
  /** The result: `human` as text, or `data` as JSON under --json. */
  print(human: string, data: unknown): void;
  /** Progress lines on stderr; undefined under --json. */
  readonly log: ((line: string) => void) | undefined;
}

/**
 * The printer for a command run with these options.
 * @param io - where to write
 * @param opts - the command's options (`--json`)
 * @returns the printer
 */
export function output(io: CliIo, opts: { json?: boolean }): Output {
  const json = opts.json === true;
  return {
    json,
    print: (human, data) => io.stdout(json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`),
    log: json ? undefined : (line) => io.stderr(`${line}\n`),
  };
}

/** A message on one line (the CLI's failures are one line each). */
export const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/**
 * Read a JSON file given on the command line; the whole repository_dispatch event
 * ($GITHUB_EVENT_PATH) reads as its client_payload.
 * @param path - the file
 * @returns the parsed payload
 * @throws {OpsError} NO_FILE, BAD_JSON
 */
export async function readPayloadFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new OpsError(
      `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      'NO_FILE',
      { cause: error },
    );
  }
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'object' && json !== null && 'client_payload' in json && 'action' in json)
      return (json as { client_payload: unknown }).client_payload;
    return json;
  } catch (error) {
    throw new OpsError(`${path} is not valid JSON: ${(error as Error).message}`, 'BAD_JSON', {
      cause: error,
    });
  }
}
