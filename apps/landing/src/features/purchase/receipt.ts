/**
 * Receipt figures for people: the amount in the purchase's currency, the date in local time.
 * @module
 */

/**
 * Format an amount in minor units (Stripe's `amount_total`) in its currency.
 * @param amount - minor units, e.g. 4900 for $49.00
 * @param currency - ISO 4217 code in any case, e.g. `usd`
 * @param locale - the reader's locale; the browser's by default
 * @example formatAmount(4900, 'usd', 'en-US') // '$49.00'
 */
export function formatAmount(amount: number, currency: string, locale?: string): string {
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.toUpperCase(),
  });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/**
 * @param unixSeconds - when the purchase was made
 * @param locale - the reader's locale; the browser's by default
 */
export function formatPurchaseDate(unixSeconds: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(
    new Date(unixSeconds * 1000),
  );
}
