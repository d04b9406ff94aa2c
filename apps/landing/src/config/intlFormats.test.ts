import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat } from './intlFormats';

describe('intlFormats', () => {
  it('builds a formatter once per locale and options, and keeps it', () => {
    const first = numberFormat('de-DE', { maximumFractionDigits: 1 });
    expect(numberFormat('de-DE', { maximumFractionDigits: 1 })).toBe(first);
    expect(numberFormat('de-DE', { maximumFractionDigits: 2 })).not.toBe(first);
    expect(numberFormat('en-US', { maximumFractionDigits: 1 })).not.toBe(first);
    expect(dateTimeFormat('de-DE', { dateStyle: 'long' })).toBe(
      dateTimeFormat('de-DE', { dateStyle: 'long' }),
    );
  });

  it('formats as Intl itself does', () => {
    expect(numberFormat('de-DE', { maximumFractionDigits: 1 }).format(1234.56)).toBe('1.234,6');
    const day = new Date(Date.UTC(2026, 11, 7, 12));
    expect(dateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(day)).toBe(
      '7 December 2026',
    );
  });

  it('takes a locale list, which it does not keep a reference to', () => {
    const tags = ['fr-FR'];
    const format = numberFormat(tags);
    tags[0] = 'en-US';
    expect(format.resolvedOptions().locale).toBe('fr-FR');
    expect(numberFormat(['fr-FR'])).toBe(format);
  });

  it('throws for a malformed locale, as Intl does', () => {
    expect(() => numberFormat('not a locale!')).toThrow(RangeError);
  });
});
