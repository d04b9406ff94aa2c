/**
 * `download-keys`: windows, hashes, URLs and license keys from the command line, on commander:
 * each command has its own options and help, `help COMMAND` and `--version` work, and an option
 * a command does not take is a usage error. `main(argv, io)` returns the exit code:
 * 0 ok/valid, 1 invalid/failed, 2 usage. JSON field names and exit codes are the ones the Go
 * reference CLI uses (docs/algorithms.md, "Vocabulary").
 * @module
 */
import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { isDownloadKeysError } from '../index.js';
import type { CliIo } from '../node/index.js';
import { commandContext } from './context.js';
import { addHashCommand } from './hash.js';
import { addLeaseCommands } from './lease.js';
import { addLicenseCommands } from './license.js';
import { addUrlsCommand } from './urls.js';
import { addWindowCommand } from './window.js';

export type { CliIo } from '../node/index.js';

/** The program for one run; commands report their exit code through `done`. */
function program(io: CliIo, done: (code: number) => void): Command {
  const context = commandContext(io, done);
  const root = new Command('download-keys')
    .description('Time windows, download hashes, URLs and license keys for Local Memory.')
    .version(packageJson.version, '--version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpText(
      'after',
      '\nThe secret is never read from the command line. Exit codes: 0 ok/valid, 1 invalid/failed, 2 usage.',
    )
    .showSuggestionAfterError(true);
  addWindowCommand(root, context);
  addHashCommand(root, context);
  addUrlsCommand(root, context);
  addLicenseCommands(root, context);
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
    if (isDownloadKeysError(error)) {
      if (error.code === 'USAGE') return fail('USAGE', error.message, 2);
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
