import { describe, expect, it } from 'vitest';
import { formatPrice, minorDigits, PriceError, parsePrice, taxNote } from './price';

describe('parsePrice', () => {
  it.each([
    ['49.00 USD', 4900, 'USD'],
    ['49 usd', 4900, 'USD'],
    ['  19.5 EUR ', 1950, 'EUR'],
    ['4900 JPY', 4900, 'JPY'],
    ['1.234 KWD', 1234, 'KWD'],
  ])('reads %j as %i minor units of %s', (text, amountMinor, currency) => {
    expect(parsePrice(text)).toEqual({ amountMinor, currency, taxBehavior: 'unspecified' });
  });

  it.each([
    ['', /like "49.00 USD"/],
    ['$49', /like "49.00 USD"/],
    ['49.00', /like "49.00 USD"/],
    ['USD 49.00', /like "49.00 USD"/],
    ['49,00 EUR', /like "49.00 USD"/],
    ['-5 USD', /like "49.00 USD"/],
    ['49.00 XQZ', /unknown currency "XQZ"/],
    ['49.001 USD', /USD has 2 decimal places, but the amount has 3/],
    ['49.5 JPY', /JPY has 0 decimal places/],
    ['0.00 USD', /more than zero/],
  ])('rejects %j, naming the variable and what to write', (text, reason) => {
    let caught: unknown;
    try {
      parsePrice(text, 'VITE_PRICE');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PriceError);
    expect((caught as PriceError).variable).toBe('VITE_PRICE');
    expect((caught as PriceError).message).toMatch(/^VITE_PRICE/);
    expect((caught as PriceError).message).toMatch(reason);
  });

  it('knows each currency’s decimals from Intl, not a table', () => {
    expect(minorDigits('usd')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
  });
});

describe('formatPrice', () => {
  const usd = parsePrice('49.00 USD');
  it.each([
    ['en-US', usd, '$49.00'],
    ['en-GB', usd, 'US$49.00'],
    ['de-DE', usd, '49,00\u00a0$'],
    ['fr-FR', parsePrice('49 EUR'), '49,00\u00a0€'],
    ['ja-JP', parsePrice('4900 JPY'), '￥4,900'],
  ])('in %s shows %o as %j', (locale, price, shown) => {
    expect(formatPrice(price, locale)).toBe(shown);
  });

  it('shows each currency’s own decimals, as parsePrice counted them', () => {
    expect(formatPrice(parsePrice('1.234 BHD'), 'en-US')).toBe('BHD\u00a01.234');
    expect(formatPrice(parsePrice('4900 JPY'), 'en-US')).toBe('¥4,900');
    expect(formatPrice(parsePrice('19.5 EUR'), 'en-US')).toBe('€19.50');
  });

  it('gives the same text for the same price and locale, however often it is asked', () => {
    const eur = parsePrice('49 EUR');
    expect(formatPrice(eur, ['fr-FR'])).toBe(formatPrice(eur, 'fr-FR'));
    expect(formatPrice(eur, 'fr-FR')).toBe('49,00\u00a0€');
    expect(formatPrice(usd, 'fr-FR')).toBe('49,00\u00a0$US');
  });

  it('takes the visitor’s language list and falls back from a malformed tag', () => {
    expect(formatPrice(usd, ['de-CH', 'en'])).toBe('$\u00a049.00');
    expect(formatPrice(usd, 'not a locale!')).toBe('$49.00');
  });
});

describe('taxNote', () => {
  it('says what Stripe’s tax behaviour means for the buyer', () => {
    expect(taxNote({ ...parsePrice('49 USD'), taxBehavior: 'inclusive' })).toMatch(/includes VAT/);
    expect(taxNote({ ...parsePrice('49 USD'), taxBehavior: 'exclusive' })).toMatch(/^Plus VAT/);
    expect(taxNote(parsePrice('49 USD'))).toMatch(/shown at checkout before you pay/);
  });
});
