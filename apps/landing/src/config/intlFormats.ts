/**
 * Intl formatters, each built once per locale list and options and then kept. Building one loads
 * the locale's data: 2–10 ms of the main thread in profiles of the Success and home pages, paid
 * again on every React render that built its own, each inside a task Lighthouse counts into
 * Total Blocking Time. Formatting with a built one costs microseconds.
 * @module
 */

/** A BCP 47 tag or list, or `undefined` for the browser's own. */
export type Locales = string | readonly string[] | undefined;

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function kept<T extends Intl.NumberFormat | Intl.DateTimeFormat>(
  kind: string,
  locales: Locales,
  options: object,
  build: (locales: string | string[] | undefined) => T,
): T {
  const key = `${kind} ${JSON.stringify([locales ?? null, options])}`;
  let format = formats.get(key) as T | undefined;
  if (format === undefined) {
    format = build(typeof locales === 'object' ? [...locales] : locales);
    formats.set(key, format);
  }
  return format;
}

/**
 * `new Intl.NumberFormat(locales, options)`, built once.
 * @throws {RangeError} as Intl.NumberFormat does, for a malformed locale or option
 */
export function numberFormat(
  locales: Locales,
  options: Intl.NumberFormatOptions = {},
): Intl.NumberFormat {
  return kept('number', locales, options, (tags) => new Intl.NumberFormat(tags, options));
}

/**
 * `new Intl.DateTimeFormat(locales, options)`, built once.
 * @throws {RangeError} as Intl.DateTimeFormat does, for a malformed locale or option
 */
export function dateTimeFormat(
  locales: Locales,
  options: Intl.DateTimeFormatOptions = {},
): Intl.DateTimeFormat {
  return kept('date', locales, options, (tags) => new Intl.DateTimeFormat(tags, options));
}
