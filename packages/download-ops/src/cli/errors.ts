/**
 * How the CLI reports a failure: one line on stderr (the message says what to do), one JSON
 * object on stdout under --json, the exit code (1 failure, 2 usage), and under --debug the stack
 * of the error and of every cause under it.
 * @module
 */
import { isDownloadKeysError } from '@local-memory/download-keys';
import { CommanderError } from 'commander';
import { causeChain, OpsError } from '../errors.js';
import { type CliIo, oneLine } from './io.js';

/**
 * A mistake in how the command was called: exit 2.
 * @param message - what was wrong and what to give instead
 * @param cause - the error that found it, if any
 * @returns the OpsError USAGE
 */
export function usageError(message: string, cause?: unknown): OpsError {
  return new OpsError(message, 'USAGE', cause === undefined ? {} : { cause });
}

/**
 * Run a parse step that throws the library's errors, turning them into usage errors: a bad value
 * given on the command line is the caller's to fix.
 * @param parse - the parse step
 * @returns what it returns
 */
export function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (isDownloadKeysError(error)) throw usageError(error.message, error);
    throw error;
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

/** The stack of the error and of every cause under it, for --debug. */
export function debugChain(error: unknown): string {
  return causeChain(error)
    .map((link, index) => {
      const text =
        link instanceof Error ? (link.stack ?? `${link.name}: ${link.message}`) : String(link);
      return index === 0 ? text : `caused by: ${text}`;
    })
    .join('\n');
}

const HELP_CODES = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/**
 * Report a failure and choose the exit code.
 * @param error - what the run threw
 * @param io - where to write
 * @param flags - whether --json and --debug were given
 * @returns the exit code: 0 for help and version, 2 for usage, else 1
 */
export function reportFailure(
  error: unknown,
  io: CliIo,
  flags: { readonly json: boolean; readonly debug: boolean },
): number {
  /** Under --json, scripts get the failure as an object on stdout as well. */
  const jsonError = (code: string, message: string) => {
    if (flags.json)
      io.stdout(`${JSON.stringify({ error: { code, message: oneLine(message) } })}\n`);
  };
  const debug = () => {
    if (flags.debug) io.stderr(`${debugChain(error)}\n`);
  };
  if (error instanceof CommanderError) {
    if (HELP_CODES.has(error.code)) return 0;
    // commander already printed the message; under --json scripts get the object too.
    jsonError('USAGE', error.message.replace(/^error: /, ''));
    return 2;
  }
  if (error instanceof OpsError && error.code === 'USAGE') {
    io.stderr(`download-ops: ${oneLine(error.message)} (run \`download-ops help\` for usage)\n`);
    debug();
    jsonError('USAGE', error.message);
    return 2;
  }
  const coded = codedError(error);
  if (coded !== null) {
    io.stderr(`download-ops: ${oneLine(coded.message)}\n`);
    debug();
    jsonError(coded.code, coded.message);
    return 1;
  }
  const message = `unexpected failure: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  io.stderr(
    `download-ops: ${oneLine(message)}${flags.debug ? '' : ' (run again with --debug for the stack)'}\n`,
  );
  debug();
  jsonError('UNEXPECTED', message);
  return 1;
}
