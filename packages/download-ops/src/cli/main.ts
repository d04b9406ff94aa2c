/**
 * `download-ops`: the operations CLI, on `commander`. `main(argv, io)` returns the exit code:
 * 0 success, 1 failure, 2 usage. Tests call it directly; bin.ts wires it to the process.
 * Every command has its own options and help (one module each, under commands/); an option a
 * command does not take is a usage error.
 * @module
 */
import { Command } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { registerApplyDispatch } from './commands/applyDispatch.js';
import { registerCleanup } from './commands/cleanup.js';
import { registerHash } from './commands/hash.js';
import { registerMakeDemoRelease } from './commands/makeDemoRelease.js';
import { registerRotate } from './commands/rotate.js';
import { registerUpload } from './commands/upload.js';
import { registerValidateDispatch } from './commands/validateDispatch.js';
import { registerVerify } from './commands/verify.js';
import { registerWindow } from './commands/window.js';
import { reportFailure, usageError } from './errors.js';
import type { CliIo } from './io.js';
import { STORE_HELP } from './options.js';
import { openSession } from './session.js';

export type { CliIo } from './io.js';

/**
 * Run the CLI.
 * @param argv - arguments after the program name
 * @param io - environment, output, clock and policies
 * @returns the exit code: 0 ok, 1 failed, 2 usage
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = { json: argv.includes('--json'), debug: argv.includes('--debug') };
  const session = openSession(io);
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
  for (const register of [
    registerUpload,
    registerVerify,
    registerRotate,
    registerCleanup,
    registerWindow,
    registerHash,
    registerMakeDemoRelease,
    registerValidateDispatch,
    registerApplyDispatch,
  ])
    register(program, session);

  try {
    if (argv.length === 0) throw usageError('a command is required');
    await program.parseAsync([...argv], { from: 'user' });
    return session.exitCode;
  } catch (error) {
    return reportFailure(error, io, flags);
  } finally {
    await session.close();
  }
}
