/**
 * Lambda entry of the scheduled download-window check (EventBridge, every 30 minutes): reads the
 * download secret from Secrets Manager (`DOWNLOAD_SECRET_ARN`, JSON with `DOWNLOAD_SECRET`), runs
 * {@link checkWindows} on the downloads bucket, writes the metric line to stdout and fails the
 * invocation when anything is missing.
 * @module
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { S3Store } from '@local-memory/download-ops';
import { checkWindows, metricLine, WindowCheckError } from './check';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`window check: ${name} is not set (the stack sets it)`);
  return value;
}

async function downloadSecret(arn: string): Promise<string> {
  const answer = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: arn }),
  );
  let secret: unknown;
  try {
    secret = (JSON.parse(answer.SecretString ?? '') as Record<string, unknown>).DOWNLOAD_SECRET;
  } catch {
    // reported below, without the value
  }
  if (typeof secret !== 'string' || secret.length < 32) {
    throw new Error(
      `window check: the secret ${arn} must be JSON with DOWNLOAD_SECRET (at least 32 characters); see docs/deploy.md`,
    );
  }
  return secret;
}

/** The Lambda handler. */
export async function handler(): Promise<{ complete: number; windows: readonly number[] }> {
  const stackName = required('STACK_NAME');
  const nowMs = Date.now();
  let result: Awaited<ReturnType<typeof checkWindows>>;
  try {
    const secret = await downloadSecret(required('DOWNLOAD_SECRET_ARN'));
    const store = new S3Store({
      bucket: required('S3_BUCKET'),
      region: process.env.S3_REGION || required('AWS_REGION'),
    });
    result = await checkWindows({
      store,
      secret,
      prefix: required('S3_PREFIX'),
      now: Math.floor(nowMs / 1000),
    });
  } catch (error) {
    result = {
      complete: 0,
      windows: [],
      problems: [error instanceof Error ? error.message : String(error)],
    };
  }
  process.stdout.write(`${metricLine(stackName, result, nowMs)}\n`);
  if (result.complete !== 1) throw new WindowCheckError(result);
  return { complete: result.complete, windows: result.windows };
}
