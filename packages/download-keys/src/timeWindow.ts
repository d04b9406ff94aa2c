/**
 * Twelve-hour download windows. Nothing here reads the clock: pass the time in.
 * See docs/algorithms.md, "Time windows".
 * @module
 */
import { _describe, DownloadKeysRangeError, DownloadKeysTypeError } from './errors.js';

/** Length of one download window in seconds (12 hours). */
export const WINDOW_SECONDS = 43_200;

/** How many windows before the current one cleanup keeps (`current - 4` survives). */
export const RETAINED_PAST_WINDOWS = 4;

/**
 * The largest window accepted: its link expiry (`window + 5`) still fits in a safe integer of
 * seconds, so TypeScript numbers and Go int64 agree everywhere (208,499,982,742).
 */
export const MAX_WINDOW = Math.floor(Number.MAX_SAFE_INTEGER / WINDOW_SECONDS) - 6;

/** The first Unix second after the last accepted window. */
const MAX_UNIX_SECONDS_EXCLUSIVE = (MAX_WINDOW + 1) * WINDOW_SECONDS;

/** Start and end of a window, in Unix seconds (end exclusive). */
export interface WindowBounds {
  readonly timeWindow: number;
  /** First second of the window (00:00 or 12:00 UTC). */
  readonly windowStart: number;
  /** First second of the next window (the window ends before it). */
  readonly windowEnd: number;
}

/**
 * Check that `value` is a usable window number.
 * @param value - candidate window
 * @param argument - argument name for the error message
 * @throws {DownloadKeysTypeError} INVALID_WINDOW when not a number
 * @throws {DownloadKeysRangeError} INVALID_WINDOW when negative, fractional or unsafe
 */
export function assertTimeWindow(value: unknown, argument = 'timeWindow'): asserts value is number {
  if (typeof value !== 'number') {
    throw new DownloadKeysTypeError(
      'INVALID_WINDOW',
      argument,
      `${argument} must be a number, got ${_describe(value)}`,
    );
  }
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_WINDOW) {
    throw new DownloadKeysRangeError(
      'INVALID_WINDOW',
      argument,
      `${argument} must be an integer from 0 to ${MAX_WINDOW}, got ${value}`,
    );
  }
}

function assertUnixSeconds(value: unknown, argument: string): asserts value is number {
  if (typeof value !== 'number') {
    throw new DownloadKeysTypeError(
      'INVALID_TIME',
      argument,
      `${argument} must be Unix time in seconds (a number), got ${_describe(value)}`,
    );
  }
  if (!Number.isFinite(value) || value < 0 || value >= MAX_UNIX_SECONDS_EXCLUSIVE) {
    throw new DownloadKeysRangeError(
      'INVALID_TIME',
      argument,
      `${argument} must be seconds since 1970, from 0 to below ${MAX_UNIX_SECONDS_EXCLUSIVE}, got ${value}`,
    );
  }
}

/**
 * The window a moment falls in: `floor(unixSeconds / 43200)`.
 * @param unixSeconds - seconds since the Unix epoch (fractions allowed)
 * @returns the window number
 * @throws {DownloadKeysRangeError} INVALID_TIME for negative or non-finite times
 * @example timeWindowAt(1755993600) // 40648
 */
export function timeWindowAt(unixSeconds: number): number {
  assertUnixSeconds(unixSeconds, 'unixSeconds');
  return Math.floor(unixSeconds / WINDOW_SECONDS);
}

/**
 * Start and end of a window.
 * @param timeWindow - window number
 * @returns its bounds in Unix seconds
 * @example windowBounds(40648) // { timeWindow: 40648, windowStart: 1755993600, windowEnd: 1756036800 }
 */
export function windowBounds(timeWindow: number): WindowBounds {
  assertTimeWindow(timeWindow);
  const windowStart = timeWindow * WINDOW_SECONDS;
  return { timeWindow, windowStart, windowEnd: windowStart + WINDOW_SECONDS };
}

/**
 * The windows an upload at this moment must fill: the current one and the next.
 * @param unixSeconds - the moment of the upload
 * @returns `[current, next]`
 */
export function uploadWindows(unixSeconds: number): readonly [number, number] {
  const current = timeWindowAt(unixSeconds);
  return [current, current + 1];
}

/**
 * The oldest window cleanup keeps when `currentWindow` is current; older ones are deleted.
 * Negative results mean nothing is old enough to delete yet.
 * @param currentWindow - the current window
 * @returns `currentWindow - 4`
 */
export function oldestRetainedWindow(currentWindow: number): number {
  assertTimeWindow(currentWindow, 'currentWindow');
  return currentWindow - RETAINED_PAST_WINDOWS;
}

/**
 * When a link handed out at `unixSeconds` stops working: the start of the window in which
 * cleanup deletes its window (`W + 5`). That is 48 to 60 hours after it was handed out.
 * @param unixSeconds - the moment the link is shown
 * @returns Unix seconds at which the link's files may be gone
 */
export function linkExpiresAt(unixSeconds: number): number {
  const issued = timeWindowAt(unixSeconds);
  return (issued + RETAINED_PAST_WINDOWS + 1) * WINDOW_SECONDS;
}
