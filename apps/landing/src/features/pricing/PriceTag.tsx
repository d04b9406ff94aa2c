import { price as buildPrice } from 'virtual:storefront';
import { useEffect, useState } from 'react';
import { formatPrice, PRERENDER_LOCALE, type Price, taxNote } from '../../config/price';

export type ShownPrice = Price & { readonly demo: boolean; readonly text: string };

/**
 * The license price with its currency and tax note. Prerendered (and hydrated) with the
 * build's `en-US` text, then shown in the visitor's own locale (same figure, local notation).
 * The local text is made in a task of its own after hydration: building a currency formatter
 * loads the locale's data, several milliseconds that would otherwise lengthen React's re-render
 * after hydration into a long task. A visitor whose first language is the prerender locale
 * already has their notation, and builds no formatter at all.
 */
export function PriceTag({ price = buildPrice, id }: { price?: ShownPrice; id?: string }) {
  const [amount, setAmount] = useState(price.text);
  useEffect(() => {
    setAmount(price.text);
    if ((navigator.languages[0] ?? navigator.language) === PRERENDER_LOCALE) return;
    const timer = setTimeout(() => setAmount(formatPrice(price, navigator.languages)), 0);
    return () => clearTimeout(timer);
  }, [price]);
  return (
    <div className="price" id={id}>
      <p className="price__amount">
        <span className="price__figure">{amount}</span>{' '}
        <span className="price__terms">{price.currency}, one payment</span>
      </p>
      <p className="price__note">
        {taxNote(price)}
        {price.demo ? ' Demo price: this demo site takes no payment.' : ''}
      </p>
    </div>
  );
}
