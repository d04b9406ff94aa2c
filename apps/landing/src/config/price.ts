/**
 * The price of a license: one amount in minor units and an ISO currency, parsed once at build time
 * (from the Stripe Price or `VITE_PRICE`) and formatted in the visitor's locale.
 * @module
 */
import { LandingError } from './errors';
import { numberFormat } from './intlFormats';

/** A price as Stripe states it: minor units (cents) and a currency. */
export interface Price {
  /** Minor units, e.g. 4900 for 49.00 USD. */
  readonly amountMinor: number;
  /** ISO 4217, upper case, e.g. `USD`. */
  readonly currency: string;
  /** Whether tax is included (Stripe's `tax_behavior`); `unspecified` when nobody said. */
  readonly taxBehavior: 'inclusive' | 'exclusive' | 'unspecified';
}

/** A price that cannot be used, with the variable to fix. */
export class PriceError extends LandingError<'INVALID_PRICE'> {
  override readonly name: string = 'PriceError';
  /**
   * @param variable - the variable to fix (`VITE_PRICE`, `STRIPE_PRICE_ID`)
   * @param message - what is wrong with it
   * @param options - the error this one explains
   */
  constructor(
    readonly variable: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super('INVALID_PRICE', message, options);
  }
}

/**
 * How many digits a currency has after the decimal point (2 for USD, 0 for JPY, 3 for KWD).
 * @param currency - ISO 4217 code, any case
 * @throws {PriceError} for a code Intl does not know
 */
export function minorDigits(currency: string, variable = 'VITE_PRICE'): number {
  const code = currency.toUpperCase();
  try {
    // Intl formats any well-formed code; only the list of supported currencies says it is real.
    if (
      typeof Intl.supportedValuesOf === 'function' &&
      !Intl.supportedValuesOf('currency').includes(code)
    )
      throw new RangeError(code);
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch (error) {
    throw new PriceError(
      variable,
      `${variable} has an unknown currency ${JSON.stringify(currency.slice(0, 8))}; use an ISO 4217 code such as USD or EUR.`,
      { cause: error },
    );
  }
}

const PRICE_TEXT = /^(\d{1,7})(?:\.(\d{1,3}))?\s+([A-Za-z]{3})$/;

/**
 * Read a price written as `49.00 USD` (amount, a space, ISO currency).
 * @param text - the variable's value
 * @param variable - its name, for the error message
 * @returns the price; the tax behaviour is `unspecified`
 * @throws {PriceError} when the text is not of that form, the currency is unknown, the amount has
 *   more decimals than the currency allows, or the amount is zero
 * @example parsePrice('49.00 USD') // { amountMinor: 4900, currency: 'USD', taxBehavior: 'unspecified' }
 */
export function parsePrice(text: string, variable = 'VITE_PRICE'): Price {
  const match = PRICE_TEXT.exec(text.trim());
  if (match === null) {
    throw new PriceError(
      variable,
      `${variable} must be an amount and an ISO currency, like "49.00 USD"; got ${JSON.stringify(text.slice(0, 24))}.`,
    );
  }
  const [, whole = '', fraction = '', code = ''] = match;
  const currency = code.toUpperCase();
  const digits = minorDigits(currency, variable);
  if (fraction.length > digits) {
    throw new PriceError(
      variable,
      `${variable}: ${currency} has ${digits} decimal places, but the amount has ${fraction.length}.`,
    );
  }
  const amountMinor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (amountMinor <= 0) throw new PriceError(variable, `${variable} must be more than zero.`);
  return { amountMinor, currency, taxBehavior: 'unspecified' };
}

/** The locale the pages are prerendered in (and hydrated with), before the visitor's own. */
export const PRERENDER_LOCALE = 'en-US';

/**
 * The price for people, e.g. `$49.00`, `49,00 $US` or `¥4,900`, in the given locale.
 *
 * Runs while React hydrates a page, so it checks nothing {@link parsePrice} checked when the
 * price was read (at build time, or by Stripe for a receipt): {@link minorDigits}' list of every
 * currency Intl knows cost 5–10 ms of the main thread per call, one long task per render. The
 * formatter itself knows the currency's decimals (ECMA-402 takes them from ISO 4217, whatever
 * the locale), and it is built once per locale and currency (intlFormats.ts).
 * @param price - the price
 * @param locale - a BCP 47 tag or list (the visitor's `navigator.languages`); default `en-US`
 * @throws {RangeError} when the currency is not a three-letter code
 */
export function formatPrice(
  price: Price,
  locale: string | readonly string[] = PRERENDER_LOCALE,
): string {
  const show = (tags: string | string[]) => {
    const format = numberFormat(tags, { style: 'currency', currency: price.currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(price.amountMinor / 10 ** digits);
  };
  try {
    return show(typeof locale === 'string' ? locale : [...locale]);
  } catch {
    // A malformed locale from the browser: fall back rather than show nothing.
    return show(PRERENDER_LOCALE);
  }
}

/** The sentence under the price about tax, from Stripe's tax behaviour. */
export function taxNote(price: Price): string {
  switch (price.taxBehavior) {
    case 'inclusive':
      return 'Price includes VAT or sales tax where it applies.';
    case 'exclusive':
      return 'Plus VAT or sales tax where it applies, shown at checkout before you pay.';
    default:
      return 'Any VAT or sales tax that applies is shown at checkout before you pay.';
  }
}
