/**
 * Secret variables: each given as a value or as a file named by `{NAME}_FILE`, never echoed in a
 * problem line.
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { Env } from './config.js';

/** Secret variables: each may instead be given as a file named by `{NAME}_FILE`. */
export const SECRET_VARIABLES = [
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'DOWNLOAD_SECRET',
  'SMTP_URL',
  'ACCOUNT_LINK_SECRET',
] as const;

export type SecretName = (typeof SECRET_VARIABLES)[number];

/** The value of `name`, or the text of `{name}_FILE` (one trailing newline dropped). */
export async function readSecret(
  env: Env,
  name: SecretName | 'ORIGIN_VERIFY_SECRET',
  problems: string[],
): Promise<string | undefined> {
  const file = env[`${name}_FILE`];
  if (file) {
    try {
      return (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      problems.push(`${name}_FILE: cannot read ${file} (${code}); check the path and permissions`);
      return undefined;
    }
  }
  return env[name] === '' ? undefined : env[name];
}

/** {@link readSecret}, naming the variable as not set when neither it nor its file is given. */
export async function requiredSecret(
  env: Env,
  name: SecretName,
  what: string,
  problems: string[],
): Promise<string | undefined> {
  const value = await readSecret(env, name, problems);
  if (value === undefined && !env[`${name}_FILE`]) problems.push(`${name} is not set: ${what}`);
  return value;
}
