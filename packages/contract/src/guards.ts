/**
 * The few checks every body reader needs, in one place (the landing had two copies of
 * `isRecord`). Each answers a yes/no about an `unknown` value taken from `response.json()`.
 * @module
 */

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string. */
export function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** A whole number ≥ 0 (counts, minor units, unix seconds). */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** A finite number (timestamps that may carry fractions). */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** An ISO 4217 code, as Stripe writes it (lower case; upper case accepted). */
export function isCurrency(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z]{3}$/i.test(value);
}

/** A string or null. */
export function isTextOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

/**
 * A link into the API's own download route: a link a page renders from a body must never leave
 * the site.
 */
export function isDownloadPath(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('/api/downloads/');
}
