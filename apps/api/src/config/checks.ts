/**
 * The small checks configuration readers share; each failed check adds a problem line naming the
 * variable.
 * @module
 */
import type { Env } from './config.js';

/**
 * The trimmed value of a variable that must be set.
 * @param env - the environment
 * @param problems - where a missing variable is named
 * @param name - the variable
 * @param what - what it is, for the problem line
 */
export function requiredValue(
  env: Env,
  problems: string[],
  name: string,
  what: string,
): string | undefined {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    problems.push(`${name} is not set: ${what}`);
    return undefined;
  }
  return value.trim();
}

/** `value` as an http(s) URL, or null. */
export function absoluteHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** A plausible email address. */
export const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** An `on`/`off` switch (default off). */
export function onOff(env: Env, name: string, problems: string[]): boolean {
  const text = (env[name] ?? '').trim();
  if (text === '' || text === 'off') return false;
  if (text === 'on') return true;
  problems.push(`${name} must be "on" or "off" (default off), got "${text.slice(0, 20)}"`);
  return false;
}
