import { price as buildPrice } from 'virtual:storefront';
import { useHydrated } from '../../components/useHydrated';
import { formatPrice, type Price, taxNote } from '../../config/price';

export type ShownPrice = Price & { readonly demo: boolean };

/**
 * The license price with its currency and tax note. Prerendered in `en-US`, then shown in the
 * visitor's own locale once the page is hydrated (same figure, local notation).
 */
export function PriceTag({ price = buildPrice, id }: { price?: ShownPrice; id?: string }) {
  const hydrated = useHydrated();
  const amount = formatPrice(price, hydrated ? navigator.languages : 'en-US');
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
