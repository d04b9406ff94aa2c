import { DEFAULT_EDITION, EDITIONS, priceNames, SUPPORT } from '@local-memory/catalog';
import type { ConfigEnv, UserConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import { storefront } from './storefront.ts';

/** The constants the plugin adds to a build run in `mode`. */
function defineFor(env: Record<string, string>, mode = 'production') {
  const plugin = storefront({ env });
  const hook = plugin.config as (config: UserConfig, env: ConfigEnv) => UserConfig;
  return hook({ root: import.meta.dirname }, { mode, command: 'build' }).define;
}

describe('storefront: __SUPPORT_EMAIL__', () => {
  it("is the operator's VITE_SUPPORT_EMAIL", () => {
    expect(defineFor({ VITE_SUPPORT_EMAIL: 'help@operator-of-this-shop.test' })).toMatchObject({
      __SUPPORT_EMAIL__: JSON.stringify('help@operator-of-this-shop.test'),
    });
  });

  it("is the catalogue's default when the variable is not set (the demo and the dev server)", () => {
    expect(defineFor({ VITE_SUPPORT_EMAIL: '' }, 'development')).toMatchObject({
      __SUPPORT_EMAIL__: JSON.stringify(SUPPORT.defaultEmail),
    });
  });
});

describe('storefront: __PAYMENT_LINKS__', () => {
  it("names each edition's Payment Link variable, the default edition's first", () => {
    const links = JSON.parse(defineFor({})?.__PAYMENT_LINKS__ as string) as [string, string][];
    expect(links[0]).toEqual([DEFAULT_EDITION, 'VITE_STRIPE_PAYMENT_LINK']);
    expect(links.map(([id]) => id).sort()).toEqual(Object.keys(EDITIONS).sort());
    for (const [id, variable] of links) {
      expect(variable).toBe(priceNames(EDITIONS[id as keyof typeof EDITIONS]).paymentLink);
    }
  });
});
