import { EDITIONS, type EditionId } from '@local-memory/catalog';
import { describe, expect, it } from 'vitest';
import { editionOfItems, readEditionPrices } from './editionPrices.js';

const editions = Object.values(EDITIONS);
const priceOf = (i: number) => `price_testOnlyEdition${i}`;
const ENV = Object.fromEntries(editions.map((edition, i) => [edition.price.variable, priceOf(i)]));

describe('readEditionPrices', () => {
  it("reads every edition's price from the edition's own variable", () => {
    const problems: string[] = [];
    const prices = readEditionPrices(ENV, problems);
    expect(problems).toEqual([]);
    expect(prices).toEqual(
      Object.fromEntries(editions.map((edition, i) => [edition.id, priceOf(i)])),
    );
  });

  it('names each missing or wrong variable and the edition it sells', () => {
    const problems: string[] = [];
    expect(readEditionPrices({}, problems)).toBeUndefined();
    expect(problems).toEqual(
      editions.map(
        (edition) =>
          `${edition.price.variable} is not set: the Stripe price id (price_…) that sells ${edition.name}`,
      ),
    );
    const wrong: string[] = [];
    const first = editions[0]?.price.variable as string;
    expect(readEditionPrices({ ...ENV, [first]: 'prod_123' }, wrong)).toBeUndefined();
    expect(wrong).toEqual([`${first} must be a Stripe price id starting with price_`]);
  });

  // Needs two editions; runs as soon as the catalogue has them.
  it.skipIf(editions.length < 2)('refuses one price for two editions', () => {
    const [one, two] = editions as [(typeof editions)[0], (typeof editions)[0]];
    const problems: string[] = [];
    const same = {
      [one.price.variable]: 'price_testOnlySame',
      [two.price.variable]: 'price_testOnlySame',
    };
    expect(readEditionPrices({ ...ENV, ...same }, problems)).toBeUndefined();
    expect(problems).toEqual([
      `${two.price.variable} is the same price as ${one.price.variable}: each edition needs its own Stripe price`,
    ]);
  });
});

describe('editionOfItems', () => {
  const prices = readEditionPrices(ENV, []) as Readonly<Record<EditionId, string>>;

  it('finds the edition whose price every item charges', () => {
    editions.forEach((edition, i) => {
      expect(editionOfItems(prices, [{ price: { id: priceOf(i) } }])).toBe(edition.id);
      expect(
        editionOfItems(prices, [{ price: { id: priceOf(i) } }, { price: { id: priceOf(i) } }]),
      ).toBe(edition.id);
    });
  });

  it('finds none for no items, an unknown price, an item without a price, or a mix', () => {
    expect(editionOfItems(prices, [])).toBeUndefined();
    expect(editionOfItems(prices, [{ price: { id: 'price_otherProduct' } }])).toBeUndefined();
    expect(editionOfItems(prices, [{ price: null }])).toBeUndefined();
    expect(
      editionOfItems(prices, [{ price: { id: priceOf(0) } }, { price: { id: 'price_other' } }]),
    ).toBeUndefined();
  });
});
