/**
 * The options and help text commands share: output (--json, --debug), the moment (--at), the
 * store (--dir, --bucket …) and the lease wait (--wait).
 * @module
 */
import type { Command } from 'commander';

export const STORE_HELP = `
Store (exactly one): --dir PATH or $DOWNLOAD_STORE_DIR for a folder with the S3 layout;
--bucket NAME or $S3_BUCKET for S3 (AWS credentials from the standard chain).
Secret: $DOWNLOAD_SECRET, or a file: --secret-file PATH (else $DOWNLOAD_SECRET_FILE); a value and a file together are refused (SECRET_CONFLICT); never argv.`;

/** Example command lines for a command's help. */
export function exampleLines(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ download-ops ${l}`).join('\n')}\n`;
}

/** Examples for a command that reads the store, followed by how the store and secret are named. */
export function examples(...lines: string[]): string {
  return `${exampleLines(...lines)}${STORE_HELP}\n`;
}

export function addOutputOptions(command: Command): Command {
  return command
    .option('--json', 'machine-readable output on stdout')
    .option('--debug', 'print stack traces of failures and of their causes');
}

export function addAtOption(command: Command): Command {
  return command.option('--at <time>', 'Unix seconds or an RFC 3339 date instead of the clock');
}

export function addStoreOptions(command: Command): Command {
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

export function addLeaseOption(command: Command): Command {
  return command.option(
    '--wait <seconds>',
    'how long to wait for another writer holding the store lease (default 120)',
  );
}
