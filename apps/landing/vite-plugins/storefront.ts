/**
 * The storefront's build-time data as virtual modules: `virtual:storefront` (prices, operator
 * details, site address, demo flag) and `virtual:legal-pages` (the legal pages' HTML). Resolved
 * once per build from the environment (see storefrontConfig.ts); a production build with values
 * missing stops here with every variable named.
 * @module
 */
import { resolve } from 'node:path';
import { DEFAULT_EDITION, EDITIONS, type EditionId, priceNames } from '@local-memory/catalog';
import { loadEnv, type Plugin } from 'vite';
import { formatPrice, PRERENDER_LOCALE } from '../src/config/price.ts';
import { renderLegalPages } from './legalContent.ts';
import {
  type BuildPrice,
  resolveStorefront,
  type StorefrontBuild,
  supportEmailOf,
} from './storefrontConfig.ts';

const STOREFRONT = 'virtual:storefront';

/**
 * Each edition's Payment Link variable, the default edition's first, as `[id, variable]` pairs
 * (`__PAYMENT_LINKS__`, for src/config/env.ts): a constant, so the page that every route reads
 * its configuration with carries no copy of the catalogue (the Success page's budget).
 */
export const PAYMENT_LINKS: readonly (readonly [string, string])[] = [
  EDITIONS[DEFAULT_EDITION],
  ...Object.values(EDITIONS).filter((edition) => edition.id !== DEFAULT_EDITION),
].map((edition) => [edition.id, priceNames(edition).paymentLink] as const);
const LEGAL = 'virtual:legal-pages';
const PLANS = 'virtual:plans';

export interface StorefrontOptions {
  /** Extra variables, over `process.env` and `.env` files (tests). */
  readonly env?: Readonly<Record<string, string>>;
  /** Where the Markdown lives; default `content/` beside the config. */
  readonly contentDir?: string;
}

/**
 * A price as the page shows it, with its text as prerendered (`en-US`): the page hydrates with
 * that text instead of building a currency formatter in the browser first.
 */
const shown = (p: BuildPrice) => ({
  amountMinor: p.amountMinor,
  currency: p.currency,
  taxBehavior: p.taxBehavior,
  demo: p.source === 'demo',
  text: formatPrice(p, PRERENDER_LOCALE),
});

/** The resolved data, shared with the prerender step. */
export interface StorefrontHandle {
  current(): StorefrontBuild;
}

/**
 * Provide `virtual:storefront` and `virtual:legal-pages`, resolved once when the config is.
 * @param options - extra variables and the Markdown folder (tests)
 * @throws {StorefrontConfigError} from the build when a production build lacks a value
 */
export function storefront(options: StorefrontOptions = {}): Plugin & { api: StorefrontHandle } {
  let build: StorefrontBuild | undefined;
  let contentDir = options.contentDir ?? '';
  return {
    name: 'local-memory-storefront',
    api: {
      current() {
        if (build === undefined)
          throw new Error('the storefront configuration is not resolved yet');
        return build;
      },
    },
    // The support address as a constant (`__SUPPORT_EMAIL__`), for components/SupportLink.tsx
    // (configResolved below validates it with the rest); the Payment Link variables likewise.
    config(config, { mode }) {
      const root = config.root ?? process.cwd();
      const env = { ...loadEnv(mode, config.envDir || root, ['VITE_']), ...options.env };
      return {
        define: {
          __SUPPORT_EMAIL__: JSON.stringify(supportEmailOf(env)),
          __PAYMENT_LINKS__: JSON.stringify(PAYMENT_LINKS),
        },
      };
    },
    async configResolved(config) {
      if (build !== undefined) return; // resolved by the first environment of this build
      contentDir = options.contentDir ?? resolve(config.root, 'content');
      const env = {
        ...loadEnv(config.mode, config.envDir || config.root, ['VITE_', 'STRIPE_']),
        ...options.env,
      };
      const demo = env.VITE_DEMO_MODE === 'true';
      build = await resolveStorefront(env, { production: config.command === 'build' && !demo });
      if (config.command === 'build') {
        const prices = Object.entries(build.prices)
          .map(([id, p]) => `${id} ${p.amountMinor} ${p.currency} (${p.source})`)
          .join(', ');
        config.logger.info(
          `storefront: prices ${prices}, ${build.demo ? 'demo operator details' : `operator ${build.operator.legalName}`}, ${build.fulfilment} mode`,
        );
      }
    },
    resolveId(id) {
      if (id === STOREFRONT || id === LEGAL || id === PLANS) return `\0${id}`;
      return null;
    },
    load(id) {
      if (build === undefined) return null;
      if (id === `\0${STOREFRONT}`) {
        const { price, operator, siteUrl, demo } = build;
        return [
          `export const price = ${JSON.stringify(shown(price))};`,
          `export const operator = ${JSON.stringify({ ...operator, demo })};`,
          `export const siteUrl = ${JSON.stringify(siteUrl)};`,
        ].join('\n');
      }
      if (id === `\0${PLANS}`) {
        // Only the pricing page reads it: its own module, so no other route's first visit
        // carries the editions (the Success page's budget).
        const plans = [
          EDITIONS[DEFAULT_EDITION],
          ...Object.values(EDITIONS).filter((edition) => edition.id !== DEFAULT_EDITION),
        ].map((edition) => ({
          id: edition.id,
          name: edition.name,
          activationLimit: edition.activationLimit,
          price: shown(build?.prices[edition.id as EditionId] as BuildPrice),
        }));
        return `export const plans = ${JSON.stringify(plans)};`;
      }
      if (id === `\0${LEGAL}`) {
        this.addWatchFile(resolve(contentDir, 'terms.md'));
        this.addWatchFile(resolve(contentDir, 'privacy.md'));
        this.addWatchFile(resolve(contentDir, 'refunds.md'));
        return `export const legalPages = ${JSON.stringify(renderLegalPages(contentDir, build))};`;
      }
      return null;
    },
  };
}
