/**
 * The origin check: CloudFront adds `x-origin-verify: <secret>` to every request it sends to the
 * API, so a request without it came around CloudFront (straight to the Function URL) and is
 * refused, and only a request that carries it may name its viewer (`CloudFront-Viewer-Address`).
 * On Lambda the secret lives in Secrets Manager (`ORIGIN_VERIFY_SECRET_ARN`, a plain string); both
 * its `AWSCURRENT` and `AWSPREVIOUS` values are accepted, so rotation needs no downtime, and they
 * are read again every five minutes (or sooner, at most every 30 s, when an unknown value arrives).
 * On Node the check is on when `ORIGIN_VERIFY_SECRET` (or `_FILE`) is set.
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from './config.js';

/** The header CloudFront adds to every API origin request. */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** Decides whether a request came through CloudFront. */
export interface OriginCheck {
  /** Whether `header` (the request's `x-origin-verify` value) is an accepted secret. */
  verify(header: string | undefined): Promise<boolean>;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Compare in constant time against every accepted value (digests, so lengths never leak). */
function matchesAny(header: string | undefined, accepted: readonly Buffer[]): boolean {
  if (header === undefined || header === '') return false;
  const given = digest(header);
  let match = false;
  for (const value of accepted) match = timingSafeEqual(given, value) || match;
  return match;
}

/**
 * A fixed secret (the Node entry's `ORIGIN_VERIFY_SECRET`).
 * @param secret - the value CloudFront sends
 */
export function fixedOriginCheck(secret: string): OriginCheck {
  const accepted = [digest(secret)];
  return { verify: async (header) => matchesAny(header, accepted) };
}

/** Options of {@link secretsManagerOriginCheck}. */
export interface SecretsManagerOriginOptions {
  readonly secretArn: string;
  readonly client?: SecretsManagerClient;
  readonly region?: string;
  readonly now?: () => number;
  /** How long the values are used before reading them again (default 5 minutes). */
  readonly refreshMs?: number;
  /** Least time between reads forced by an unknown value (default 30 s). */
  readonly minRefreshMs?: number;
  /** Told when a refresh failed and the previous values stay in use. */
  readonly onRefreshError?: (error: unknown) => void;
}

/**
 * The Lambda entry's check over the Secrets Manager secret. Read it once with `load()` before
 * serving (a failure there is a {@link ConfigError}); later failures keep the last values.
 */
export function secretsManagerOriginCheck(
  options: SecretsManagerOriginOptions,
): OriginCheck & { load(): Promise<void> } {
  const now = options.now ?? Date.now;
  const refreshMs = options.refreshMs ?? 300_000;
  const minRefreshMs = options.minRefreshMs ?? 30_000;
  const client = options.client ?? new SecretsManagerClient({ region: options.region });
  let accepted: Buffer[] = [];
  let loadedAt = Number.NEGATIVE_INFINITY;
  let refreshing: Promise<void> | undefined;

  async function stage(stageName: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<string | undefined> {
    try {
      const out = await client.send(
        new GetSecretValueCommand({ SecretId: options.secretArn, VersionStage: stageName }),
      );
      return out.SecretString || undefined;
    } catch (error) {
      // A secret that was never rotated has no AWSPREVIOUS version.
      if (stageName === 'AWSPREVIOUS' && (error as Error).name === 'ResourceNotFoundException') {
        return undefined;
      }
      throw error;
    }
  }

  async function read(): Promise<void> {
    const [current, previous] = await Promise.all([stage('AWSCURRENT'), stage('AWSPREVIOUS')]);
    if (current === undefined) throw new Error('the secret has no AWSCURRENT string value');
    accepted = [current, previous].filter((v): v is string => v !== undefined).map(digest);
    loadedAt = now();
  }

  function refresh(): Promise<void> {
    refreshing ??= read()
      .catch((error: unknown) => {
        // Keep the values in use; try again after the short interval.
        loadedAt = Math.max(loadedAt, now() - refreshMs + minRefreshMs);
        options.onRefreshError?.(error);
      })
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  }

  return {
    async load() {
      try {
        await read();
      } catch (error) {
        const name = (error as Error).name || 'error';
        throw new ConfigError([
          `ORIGIN_VERIFY_SECRET_ARN: cannot read the secret (${name}); check the ARN and that the function may call secretsmanager:GetSecretValue on it`,
        ]);
      }
    },
    async verify(header) {
      if (now() - loadedAt >= refreshMs) await refresh();
      if (matchesAny(header, accepted)) return true;
      // Rotated since the last read? Look again, but not more often than minRefreshMs.
      if (header && now() - loadedAt >= minRefreshMs) {
        await refresh();
        return matchesAny(header, accepted);
      }
      return false;
    },
  };
}
