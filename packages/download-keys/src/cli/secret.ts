import { readFile } from 'node:fs/promises';
import { DownloadKeysRangeError } from '../errors.js';
import { assertConfiguredSecret } from '../secretPolicy.js';

/** Where the CLIs look for the secret: a file named by flag, else the environment. */
export const SECRET_ENV = 'DOWNLOAD_SECRET';
export const SECRET_FILE_ENV = 'DOWNLOAD_SECRET_FILE';

/**
 * Read the configured secret from `--secret-file`, `$DOWNLOAD_SECRET_FILE` or `$DOWNLOAD_SECRET`
 * (never from argv), and apply the 32-character rule. One trailing newline of a file is dropped.
 */
export async function readConfiguredSecret(
  env: Readonly<Record<string, string | undefined>>,
  secretFile?: string,
): Promise<string> {
  const file = secretFile ?? env[SECRET_FILE_ENV];
  if (file) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new DownloadKeysRangeError(
        'INVALID_SECRET',
        `secret file ${file}`,
        `cannot read the secret file ${file} (${code}); check the path and permissions`,
      );
    }
    return assertConfiguredSecret(text.replace(/\r?\n$/, ''), `secret file ${file}`);
  }
  return assertConfiguredSecret(env[SECRET_ENV], SECRET_ENV);
}
