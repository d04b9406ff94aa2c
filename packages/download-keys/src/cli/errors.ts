/**
 * The CLI's one error of its own: a mistake in how a command was called (exit 2). It is the
 * library's {@link DownloadKeysRangeError} with the code `USAGE`, so `main` branches on codes only.
 * @module
 */
import { DownloadKeysRangeError } from '../errors.js';

/** A mistake in how the command was called: exit 2, `{ "error": { "code": "USAGE" } }`. */
export class UsageError extends DownloadKeysRangeError {
  /**
   * @param argument - the option or input that was wrong (`--kid`, `stdin`, `S3_PREFIX`)
   * @param message - what to do instead
   * @param options - the error this one explains
   */
  constructor(argument: string, message: string, options?: ErrorOptions) {
    super('USAGE', argument, message, options);
  }
}
