/**
 * Node-only helpers shared by this package's CLI and the operations CLI: reading the configured
 * secret (environment or file, never argv) and reading a `--at` time. Not part of the isomorphic
 * entry; import from `@local-memory/download-keys/node`.
 * @module
 */
export { readConfiguredSecret, SECRET_ENV, SECRET_FILE_ENV } from '../cli/secret.js';

/** What a command-line tool talks to; tests pass their own (environment, output, clock). */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Current Unix time in seconds; the only clock the CLI reads. */
  readonly now: () => number;
}

/**
 * Read a moment given on the command line: Unix seconds (`1755993600`) or an ISO 8601 date.
 * @returns Unix seconds, or null when the text is neither
 * @example parseTimeArgument('2025-08-24T00:00:00Z') // 1755993600
 */
export function parseTimeArgument(text: string): number | null {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}
