/**
 * The one reader of the API's integer variables (limits, timeouts, cache seconds, the activation
 * limit), so every one is parsed and reported alike.
 * @module
 */

/**
 * Read `env[name]` as a whole number from `min` to `max`; unset or empty gives `fallback`.
 * @param max - the largest value; unbounded (up to `Number.MAX_SAFE_INTEGER`) by default
 * @returns the value, or undefined after adding to `problems` a line that names the variable, the
 *   range and what was given
 */
export function wholeNumberInRange(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  problems: string[],
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `above ${min - 1}` : `from ${min} to ${max}`;
    problems.push(`${name} must be a whole number ${range}, got "${text}"`);
    return undefined;
  }
  return value;
}
