import { readFile } from 'node:fs/promises';
import { DownloadKeysRangeError, DownloadKeysTypeError } from '../errors.js';
import { assertConfiguredSecret, MIN_SECRET_LENGTH } from '../secretPolicy.js';

/** The variable holding the secret itself. */
export const SECRET_ENV = 'DOWNLOAD_SECRET';
/** The variable naming a file that holds the secret. */
export const SECRET_FILE_ENV = 'DOWNLOAD_SECRET_FILE';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Remove exactly one trailing `\r\n` or `\n` from a secret file's text, nothing else.
 * @param text - the file's content
 * @returns the text without its final line ending
 * @example trimSecretFile('abc\n\n') // 'abc\n'
 */
export function trimSecretFile(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/**
 * Read the configured secret by the one rule both CLIs and the Go reference share
 * (docs/algorithms.md, "The configured secret"):
 * `$DOWNLOAD_SECRET`, or a file named by `secretFile` (the `--secret-file` flag) or else by
 * `$DOWNLOAD_SECRET_FILE`; both a value and a file is an error; empty variables count as unset;
 * the file must be UTF-8 and loses exactly one trailing newline or CRLF; then
 * {@link assertConfiguredSecret}. Never reads argv, never echoes the secret.
 * @param env - the environment
 * @param secretFile - path given by `--secret-file`, if any
 * @returns the secret
 * @throws {DownloadKeysRangeError} SECRET_CONFLICT, INVALID_SECRET, SECRET_TOO_SHORT
 * @throws {DownloadKeysTypeError} INVALID_SECRET when nothing is set
 * @example await readConfiguredSecret(process.env)
 */
export async function readConfiguredSecret(
  env: Readonly<Record<string, string | undefined>>,
  secretFile?: string,
): Promise<string> {
  const value = env[SECRET_ENV] || undefined;
  const fromFlag = Boolean(secretFile);
  const file = (fromFlag ? secretFile : env[SECRET_FILE_ENV]) || undefined;
  const fileSource = fromFlag ? '--secret-file' : SECRET_FILE_ENV;
  if (value !== undefined && file !== undefined) {
    throw new DownloadKeysRangeError(
      'SECRET_CONFLICT',
      SECRET_ENV,
      `both ${SECRET_ENV} and ${fileSource} are set; set only one of them`,
    );
  }
  if (value !== undefined) return assertConfiguredSecret(value, SECRET_ENV);
  if (file === undefined) {
    throw new DownloadKeysTypeError(
      'INVALID_SECRET',
      SECRET_ENV,
      `${SECRET_ENV} is not set. Set it (or ${SECRET_FILE_ENV} to a file holding it) to the shared download secret, at least ${MIN_SECRET_LENGTH} characters; generate one with: openssl rand -hex 32`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    const reason =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'EACCES'
          ? 'permission denied'
          : 'it cannot be read';
    throw new DownloadKeysRangeError(
      'INVALID_SECRET',
      fileSource,
      `cannot read the secret file ${file} (${code}): ${reason}; check the path (${fileSource}) and permissions`,
    );
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (error) {
    throw new DownloadKeysRangeError(
      'INVALID_SECRET',
      fileSource,
      `the secret file (${fileSource}) is not valid UTF-8 text`,
      { cause: error },
    );
  }
  return assertConfiguredSecret(trimSecretFile(text), `the secret file (${fileSource})`);
}
