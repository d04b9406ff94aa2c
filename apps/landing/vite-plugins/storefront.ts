/**
 * The storefront's build-time data as virtual modules: `virtual:storefront` (prices, operator
 * details, site address, demo flag) and `virtual:legal-pages` (the legal pages' HTML). Resolved
 * once per build from the environment (see storefrontConfig.ts); a production build with values
 * missing stops here with every variable named.
 * @module
 */
import { resolve } from 'node:path';
import { loadEnv, type Plugin } from 'vite';
import { renderLegalPages } from './legalContent.ts';
import {
  type BuildPrice,
  resolveStorefront,
  type StorefrontBuild,
  supportEmailOf,
} from './storefrontConfig.ts';

const STOREFRONT = 'virtual:storefront';
const LEGAL = 'virtual:legal-pages';

export interface StorefrontOptions {
  /** Extra variables, over `process.env` and `.env` files (tests). */
  readonly env?: Readonly<Record<string, string>>;
  /** Where the Markdown lives; default `content/` beside the config. */
  readonly contentDir?: string;
}

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
    // The support address as a constant (`__SUPPORT_EMAIL__`), for components/SupportLink.tsx;
    // configResolved below validates it with the rest.
    config(config, { mode }) {
      const root = config.root ?? process.cwd();
      const env = { ...loadEnv(mode, config.envDir || root, ['VITE_']), ...options.env };
      return { define: { __SUPPORT_EMAIL__: JSON.stringify(supportEmailOf(env)) } };
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
      if (id === STOREFRONT || id === LEGAL) return `\0${id}`;
      return null;
    },
    load(id) {
      if (build === undefined) return null;
      if (id === `\0${STOREFRONT}`) {
        const { price, prices, operator, siteUrl, demo } = build;
        const shown = (p: BuildPrice) => ({
          amountMinor: p.amountMinor,
          currency: p.currency,
          taxBehavior: p.taxBehavior,
          demo: p.source === 'demo',
        });
        const byEdition = Object.fromEntries(
          Object.entries(prices).map(([id, p]) => [id, shown(p)]),
        );
        return [
          `export const price = ${JSON.stringify(shown(price))};`,
          `export const prices = ${JSON.stringify(byEdition)};`,
          `export const operator = ${JSON.stringify({ ...operator, demo })};`,
          `export const siteUrl = ${JSON.stringify(siteUrl)};`,
        ].join('\n');
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
