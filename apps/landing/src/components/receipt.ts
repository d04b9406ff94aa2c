/**
 * Receipt figures for people: the amount in the purchase's currency, the date in local time.
 * @module
 */
import { dateTimeFormat } from '../config/intlFormats';
import { formatPrice } from '../config/price';

/**
 * Format an amount in minor units (Stripe's `amount_total`) in its currency.
 * @param amount - minor units, e.g. 4900 for $49.00
 * @param currency - ISO 4217 code in any case, e.g. `usd`
 * @param locale - the reader's locale; the browser's by default
 * @example formatAmount(4900, 'usd', 'en-US') // '$49.00'
 */
export function formatAmount(amount: number, currency: string, locale?: string): string {
  return formatPrice(
    { amountMinor: amount, currency: currency.toUpperCase(), taxBehavior: 'unspecified' },
    locale ?? navigator.languages,
  );
}

/**
 * @param unixSeconds - when the purchase was made
 * @param locale - the reader's locale; the browser's by default
 */
export function formatPurchaseDate(unixSeconds: number, locale?: string): string {
  return dateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(unixSeconds * 1000));
}
