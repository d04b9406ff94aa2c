import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatPrice } from '../../config/price';
import { PriceTag, type ShownPrice } from './PriceTag';

// The real formatPrice, watched: whether the tag builds a formatter at all.
vi.mock('../../config/price', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../config/price')>();
  return { ...actual, formatPrice: vi.fn(actual.formatPrice) };
});

const eur: ShownPrice = {
  amountMinor: 4900,
  currency: 'EUR',
  taxBehavior: 'unspecified',
  demo: false,
  text: '€49.00',
};

afterEach(() => {
  vi.restoreAllMocks();
  vi.mocked(formatPrice).mockClear();
});

describe('PriceTag', () => {
  it('first shows the text the page was prerendered with, then the visitor’s notation', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    render(<PriceTag price={eur} />);
    const figure = screen.getByText('€49.00');
    await vi.waitFor(() => expect(figure.textContent).toBe('49,00\u00a0€'));
  });

  it('builds no formatter for a visitor whose first language is the prerender locale', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US', 'de-DE']);
    vi.useFakeTimers();
    try {
      render(<PriceTag price={eur} />);
      await vi.runAllTimersAsync();
    } finally {
      vi.useRealTimers();
    }
    expect(screen.getByText('€49.00')).toBeTruthy();
    expect(formatPrice).not.toHaveBeenCalled();
  });

  it('formats for a visitor whose first language is another', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE', 'en-US']);
    render(<PriceTag price={eur} />);
    const figure = screen.getByText('€49.00');
    await vi.waitFor(() => expect(figure.textContent).toBe('49,00\u00a0€'));
    expect(formatPrice).toHaveBeenCalledWith(eur, ['de-DE', 'en-US']);
  });
});
