import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PriceTag, type ShownPrice } from './PriceTag';

const eur: ShownPrice = {
  amountMinor: 4900,
  currency: 'EUR',
  taxBehavior: 'unspecified',
  demo: false,
  text: '€49.00',
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('PriceTag', () => {
  it('first shows the text the page was prerendered with, then the visitor’s notation', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    render(<PriceTag price={eur} />);
    const figure = screen.getByText('€49.00');
    await vi.waitFor(() => expect(figure.textContent).toBe('49,00\u00a0€'));
  });
});
