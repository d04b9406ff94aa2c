import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EDITION,
  demoAmountEnv,
  demoPriceEnv,
  EDITIONS,
  editionById,
  isEditionId,
  priceNames,
} from './editions.js';

const editions = Object.entries(EDITIONS);

describe('EDITIONS', () => {
  it('keys each edition by its own id, a lowercase word fit for records and leases', () => {
    expect(editions.length).toBeGreaterThan(0);
    for (const [key, edition] of editions) {
      expect(edition.id).toBe(key);
      expect(edition.id).toMatch(/^[a-z][a-z0-9-]{0,31}$/);
    }
  });

  it('gives every edition a name of its own', () => {
    const names = editions.map(([, edition]) => edition.name);
    for (const name of names) expect(name.trim()).not.toBe('');
    expect(new Set(names).size).toBe(names.length);
  });

  it('lets every edition activate at least one machine and at most the API maximum of 100', () => {
    for (const [, edition] of editions) {
      expect(Number.isInteger(edition.activationLimit)).toBe(true);
      expect(edition.activationLimit).toBeGreaterThanOrEqual(1);
      expect(edition.activationLimit).toBeLessThanOrEqual(100);
    }
  });

  it('grants the app in every edition, each entitlement once', () => {
    for (const [, edition] of editions) {
      expect(edition.entitlements).toContain('app');
      expect(new Set(edition.entitlements).size).toBe(edition.entitlements.length);
    }
  });

  it('ends updates after a positive whole number of seconds, or never', () => {
    for (const [, edition] of editions) {
      const period = edition.updatesForSeconds;
      if (period !== null) expect(Number.isInteger(period) && period > 0).toBe(true);
    }
  });

  it('reads each price from its own operator variable, with a demo id only the stand-in sells', () => {
    const variables = editions.map(([, edition]) => edition.price.variable);
    const demoIds = editions.map(([, edition]) => edition.price.demoPriceId);
    // Infra's context key and the landing's text variable are derived from this name.
    for (const variable of variables) expect(variable).toMatch(/^STRIPE_(?:[A-Z0-9]+_)*PRICE_ID$/);
    // The API's rule for STRIPE_PRICE_ID (apps/api/src/config/config.ts).
    for (const id of demoIds) expect(id).toMatch(/^price_[A-Za-z0-9]+$/);
    expect(new Set(variables).size).toBe(variables.length);
    expect(new Set(demoIds).size).toBe(demoIds.length);
  });

  it('shows a demo amount the landing can read, e.g. "49.00 USD"', () => {
    for (const [, edition] of editions) {
      expect(edition.price.demoAmount).toMatch(/^\d+(?:\.\d+)? [A-Z]{3}$/);
    }
  });

  it('sells the default edition through the variable the API and the landing build read', () => {
    expect(isEditionId(DEFAULT_EDITION)).toBe(true);
    expect(EDITIONS[DEFAULT_EDITION].price.variable).toBe('STRIPE_PRICE_ID');
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(EDITIONS)).toBe(true);
    for (const [, edition] of editions) {
      expect(Object.isFrozen(edition)).toBe(true);
      expect(Object.isFrozen(edition.entitlements)).toBe(true);
      expect(Object.isFrozen(edition.price)).toBe(true);
    }
  });
});

describe('editionById', () => {
  it('returns the edition of a known id', () => {
    expect(editionById('standard')).toBe(EDITIONS.standard);
  });

  it('refuses an unknown id, naming the known ones', () => {
    expect(() => editionById('platinum')).toThrow(RangeError);
    expect(() => editionById('platinum')).toThrow(
      `edition must be one of ${Object.keys(EDITIONS).join(', ')}, got "platinum"`,
    );
    // Inherited properties are not editions.
    expect(() => editionById('toString')).toThrow(RangeError);
  });

  it('refuses a value that is not a string', () => {
    expect(() => editionById(3)).toThrow(TypeError);
    expect(() => editionById(undefined)).toThrow(/edition must be a string, got undefined/);
  });
});

describe('isEditionId', () => {
  it('answers for strings and anything else', () => {
    expect(isEditionId('standard')).toBe(true);
    expect(isEditionId('constructor')).toBe(false);
    expect(isEditionId(null)).toBe(false);
  });
});

describe('demoPriceEnv', () => {
  it("sets every edition's price variable to its demo price, and nothing else", () => {
    const env = demoPriceEnv();
    expect(Object.keys(env).sort()).toEqual(editions.map(([, e]) => e.price.variable).sort());
    for (const [, edition] of editions) {
      expect(env[edition.price.variable]).toBe(edition.price.demoPriceId);
    }
  });
});

describe('priceNames', () => {
  it('names the default edition as every workspace always has', () => {
    expect(priceNames(EDITIONS[DEFAULT_EDITION])).toEqual({
      variable: 'STRIPE_PRICE_ID',
      text: 'VITE_PRICE',
      paymentLink: 'VITE_STRIPE_PAYMENT_LINK',
      context: 'stripePriceId',
    });
  });

  it('derives the names of a further edition from its variable', () => {
    const pro = {
      ...EDITIONS[DEFAULT_EDITION],
      price: { ...EDITIONS[DEFAULT_EDITION].price, variable: 'STRIPE_PRO_PRICE_ID' },
    };
    expect(priceNames(pro)).toEqual({
      variable: 'STRIPE_PRO_PRICE_ID',
      text: 'VITE_PRO_PRICE',
      paymentLink: 'VITE_STRIPE_PRO_PAYMENT_LINK',
      context: 'stripeProPriceId',
    });
  });

  it('gives every edition names of its own', () => {
    for (const key of ['variable', 'text', 'paymentLink', 'context'] as const) {
      const names = editions.map(([, edition]) => priceNames(edition)[key]);
      expect(new Set(names).size, key).toBe(names.length);
    }
  });
});

describe('demoAmountEnv', () => {
  it("sets every edition's text price variable to its demo amount", () => {
    expect(demoAmountEnv()).toEqual(
      Object.fromEntries(
        editions.map(([, edition]) => [priceNames(edition).text, edition.price.demoAmount]),
      ),
    );
    expect(demoAmountEnv().VITE_PRICE).toBe(EDITIONS[DEFAULT_EDITION].price.demoAmount);
  });
});
