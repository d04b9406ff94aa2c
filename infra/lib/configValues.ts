/**
 * The value readers and formats of the deployment's context (config.ts): each reader returns the
 * value or a safe default, and names what is wrong in `problems`, so one error lists every key.
 * @module
 */
import type { Ownership } from './config';

export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731];
export const EMAIL = /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/;
export const OIDC_ARN =
  /^arn:aws:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/;
export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** The API function is named `<stackName>-Api` (64 characters at most). */
export const MAX_SERVER_STACK_NAME = 60;

export function text(raw: Record<string, unknown>, key: string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value.trim() : String(value);
}

export function flag(raw: Record<string, unknown>, key: string, problems: string[]): boolean {
  const value = text(raw, key);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  problems.push(`${key}: "true" or "false" (got "${value}")`);
  return false;
}

export function integer(
  raw: Record<string, unknown>,
  key: string,
  fallback: number,
  [min, max]: readonly [number, number],
  problems: string[],
): number {
  const value = text(raw, key);
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    problems.push(`${key}: a whole number from ${min} to ${max} (got "${value}")`);
    return fallback;
  }
  return parsed;
}

/**
 * `create`, `import:VALUE`, or the JSON `{"mode":"create"}` / `{"mode":"import","<field>":VALUE}`
 * (cdk.json). Anything else is a problem; an unset key is `create`.
 */
export function ownership<T extends string>(
  raw: Record<string, unknown>,
  key: string,
  field: T,
  valid: RegExp,
  what: string,
  problems: string[],
): Ownership<T> {
  let value: unknown = raw[key];
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      value = JSON.parse(value);
    } catch {
      // reported below
    }
  }
  let mode: unknown;
  let target: unknown;
  if (value === undefined || value === null || value === '' || value === 'create') {
    mode = 'create';
  } else if (typeof value === 'string' && value.startsWith('import:')) {
    mode = 'import';
    target = value.slice('import:'.length).trim();
  } else if (typeof value === 'object') {
    mode = (value as Record<string, unknown>).mode;
    target = (value as Record<string, unknown>)[field];
  }
  if (mode === 'create' && target === undefined) return { mode: 'create' };
  if (mode === 'import' && typeof target === 'string' && valid.test(target)) {
    return { mode: 'import', [field]: target } as Ownership<T>;
  }
  problems.push(
    `${key}: "create" (the default) or "import:${field.toUpperCase()}" with ${what} (got ${JSON.stringify(value)})`,
  );
  return { mode: 'create' };
}
