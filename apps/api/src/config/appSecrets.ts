/**
 * On Lambda the secrets come from one Secrets Manager secret (`APP_SECRETS_ARN`) whose JSON holds
 * `STRIPE_SECRET_KEY`, `STRIPE_WEBHOOK_SECRET`, `DOWNLOAD_SECRET` and `SMTP_URL` (and, for the
 * account page, `ACCOUNT_LINK_SECRET`). Read once at cold start, merged over the environment, then validated with everything else.
 * @module
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError, type Env } from './config.js';
import { SECRET_VARIABLES } from './secrets.js';

/**
 * Merge the application secret named by `APP_SECRETS_ARN` (when set) into a copy of `env`.
 * @param env - the process environment
 * @param client - a Secrets Manager client (tests pass one aimed at a loopback server)
 * @returns `env` with the secret's keys added; unchanged when `APP_SECRETS_ARN` is unset
 * @throws {ConfigError} when the secret cannot be read or is not a JSON object of strings
 */
export async function mergeAppSecrets(env: Env, client?: SecretsManagerClient): Promise<Env> {
  const arn = env.APP_SECRETS_ARN;
  if (!arn) return env;
  const sm = client ?? new SecretsManagerClient({ region: env.AWS_REGION || undefined });
  let text: string | undefined;
  try {
    text = (await sm.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
  } catch (error) {
    const name = (error as Error).name || 'error';
    throw new ConfigError([
      `APP_SECRETS_ARN: cannot read the secret (${name}); check the ARN and that the function may call secretsmanager:GetSecretValue on it`,
    ]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    parsed = null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([
      `APP_SECRETS_ARN: the secret must be a JSON object with ${SECRET_VARIABLES.join(', ')}`,
    ]);
  }
  const merged: Record<string, string | undefined> = { ...env };
  const problems: string[] = [];
  for (const name of SECRET_VARIABLES) {
    const value = (parsed as Record<string, unknown>)[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') problems.push(`APP_SECRETS_ARN: ${name} must be a string`);
    else merged[name] = value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return merged;
}
