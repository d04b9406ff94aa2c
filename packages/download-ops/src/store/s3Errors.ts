/**
 * What S3 failures mean to an operator: the AWS SDK's errors turned into {@link OpsError}s whose
 * message says what to do, the SDK's error kept as the cause.
 * @module
 */
import { OpsError } from '../errors.js';

export function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * The bucket does not exist (a HeadBucket answers a bare 404; other requests say NoSuchBucket).
 * @param cause - the SDK's error
 * @param bucket - the bucket named
 * @param endpoint - the endpoint, when not AWS's
 * @returns the OpsError NO_SUCH_BUCKET
 */
export function noSuchBucket(cause: unknown, bucket: string, endpoint?: string): OpsError {
  const where = endpoint ? ` at ${endpoint}` : '';
  return new OpsError(
    `bucket ${bucket} does not exist${where}. Check S3_BUCKET / --bucket and AWS_REGION.`,
    'NO_SUCH_BUCKET',
    { cause },
  );
}

/**
 * Turn an SDK failure into a message that says what to do; an OpsError passes through.
 * @param error - anything an S3 request threw
 * @param bucket - the bucket named
 * @param endpoint - the endpoint, when not AWS's
 * @returns an OpsError whose cause is `error`
 */
export function explainS3Error(error: unknown, bucket: string, endpoint?: string): OpsError {
  if (error instanceof OpsError) return error;
  const e = error as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number; attempts?: number };
  };
  const where = endpoint ? ` at ${endpoint}` : '';
  const status = e?.$metadata?.httpStatusCode;
  const attempts = e?.$metadata?.attempts;
  const tried = attempts ? `, ${attempts} attempts` : '';
  if (e?.name === 'NoSuchBucket') return noSuchBucket(error, bucket, endpoint);
  if (e?.name === 'AccessDenied' || e?.name === 'Forbidden' || status === 403) {
    return new OpsError(
      `access denied to bucket ${bucket}${where}. The credentials in use lack s3:GetObject, s3:PutObject, s3:ListBucket or s3:DeleteObject on it, or the key is unknown or its signature wrong (check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the clock).`,
      'ACCESS_DENIED',
      { cause: error },
    );
  }
  if (e?.name === 'CredentialsProviderError' || /credential/i.test(e?.message ?? '')) {
    return new OpsError(
      'no AWS credentials found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run in GitHub Actions with aws-actions/configure-aws-credentials.',
      'NO_CREDENTIALS',
      { cause: error },
    );
  }
  const code = e?.code ?? (e as { cause?: { code?: string } })?.cause?.code;
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    e?.name === 'TimeoutError'
  ) {
    return new OpsError(
      `cannot reach the S3 endpoint${where || ` of bucket ${bucket}`} (${code ?? e?.name}${tried}). Check S3_ENDPOINT / --endpoint and the network, then run the command again.`,
      'UNREACHABLE',
      { cause: error },
    );
  }
  if (status !== undefined && status >= 500) {
    return new OpsError(
      `the S3 service${where} kept failing (HTTP ${status}${tried}). It is unavailable or throttling; run the command again later. Completed steps are kept and re-runs skip them.`,
      'S3_UNAVAILABLE',
      { cause: error },
    );
  }
  return new OpsError(
    `S3 request failed${where}: ${e?.name ?? 'Error'}${status ? ` (HTTP ${status})` : ''}${tried}: ${e?.message ?? String(error)}`,
    'S3_ERROR',
    { cause: error },
  );
}
