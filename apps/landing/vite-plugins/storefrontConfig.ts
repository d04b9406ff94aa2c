/**
 * What the storefront build needs besides the code: each edition's price (from its Stripe Price
 * when Stripe is configured, else its text variable, `VITE_PRICE` for the default edition), the operator's details the legal pages name, and the site's
 * public address. Resolved once per build. A production build (not the labelled demo) with any of
 * them missing fails with every missing variable named; the demo and the dev server use clearly
 * labelled demo values instead.
 * @module
 */
import { readFileSync } from 'node:fs';
import {
  DEFAULT_EDITION,
  EDITIONS,
  type Edition,
  type EditionId,
  SUPPORT,
} from '@local-memory/catalog';
import { LandingError } from '../src/config/errors.ts';
import { type Price, PriceError, parsePrice } from '../src/config/price.ts';
import { fetchStripePrice, priceVariables } from './stripePrice.ts';

/** The operator details the legal pages and the footer show. */
export interface Operator {
  readonly legalName: string;
  readonly address: string;
  readonly refundDays: number;
  readonly supportEmail: string;
}

/** A price as the build read it, and where from. */
export type BuildPrice = Price & { readonly source: 'stripe' | 'env' | 'demo' };

export interface StorefrontBuild {
  /** The default edition's price (the home page shows it). */
  readonly price: BuildPrice;
  /** Every edition's price, by edition id (the pricing page shows one plan per edition). */
  readonly prices: Readonly<Record<EditionId, BuildPrice>>;
  readonly operator: Operator;
  /** The public origin, no trailing slash, e.g. `https://localmemory.co`. */
  readonly siteUrl: string;
  /** `browser` or `server` (VITE_FULFILMENT): which data the privacy page describes. */
  readonly fulfilment: 'browser' | 'server';
  /** True for the labelled demo and the dev server: the values are demo values. */
  readonly demo: boolean;
}

/** One wrong or missing variable. */
export interface BuildProblem {
  readonly variable: string;
  readonly message: string;
}

/** A production build that cannot go ahead; `problems` names every variable to fix. */
export class StorefrontConfigError extends LandingError<'INVALID_STOREFRONT_CONFIG'> {
  override readonly name: string = 'StorefrontConfigError';
  constructor(readonly problems: readonly BuildProblem[]) {
    super(
      'INVALID_STOREFRONT_CONFIG',
      `The storefront cannot be built for production:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`,
    );
  }
}

export const DEMO_OPERATOR: Operator = {
  legalName: 'Demo Operator Ltd (demo value)',
  address: '1 Demo Street, Demo Town (demo value)',
  refundDays: 30,
  supportEmail: SUPPORT.defaultEmail,
};
export const DEMO_PRICE = EDITIONS[DEFAULT_EDITION].price.demoAmount;
export const DEFAULT_SITE_URL = 'https://localmemory.co';

/**
 * The support address a build shows: `VITE_SUPPORT_EMAIL`, or the catalogue's default (only the
 * demo and the dev server get that far: {@link resolveStorefront} fails a production build
 * without the variable).
 */
export function supportEmailOf(env: Env): string {
  return text(env, SUPPORT.siteVariable) ?? DEMO_OPERATOR.supportEmail;
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const PLACEHOLDER = /placeholder|your[_-]|xxxx|changeme|change[_-]me|replace|todo|demo value/i;

type Env = Readonly<Record<string, string | undefined>>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** A secret from `NAME` or the file `NAME_FILE` names; never logged. */
function secret(env: Env, name: string, read: (path: string) => string): string | undefined {
  const file = text(env, `${name}_FILE`);
  if (file !== undefined) return read(file).trim() || undefined;
  return text(env, name);
}

/**
 * One edition's price: from its Stripe Price when its id and the key are set, else its text
 * variable, else (demo and dev server only) the catalogue's labelled demo amount.
 * @returns the price, or undefined after adding a problem
 */
async function resolvePrice(
  edition: Edition,
  env: Env,
  secretKey: string | undefined,
  problems: BuildProblem[],
  options: { readonly production: boolean; readonly fetch?: typeof fetch },
): Promise<BuildPrice | undefined> {
  const variables = priceVariables(edition);
  const priceId = text(env, variables.id);
  const envPrice = text(env, variables.text);
  try {
    if (priceId !== undefined && secretKey !== undefined) {
      const apiBase = text(env, 'STRIPE_API_BASE') ?? 'https://api.stripe.com';
      return {
        ...(await fetchStripePrice(priceId, secretKey, apiBase, options.fetch, variables)),
        source: 'stripe',
      };
    }
    if (envPrice !== undefined) {
      return {
        ...parsePrice(envPrice, variables.text),
        source: options.production ? 'env' : 'demo',
      };
    }
    if (!options.production) return { ...parsePrice(edition.price.demoAmount), source: 'demo' };
    problems.push(
      priceId !== undefined
        ? {
            variable: 'STRIPE_SECRET_KEY',
            message: `${variables.id} is set but STRIPE_SECRET_KEY (or STRIPE_SECRET_KEY_FILE) is not, so the price cannot be read from Stripe.`,
          }
        : {
            variable: `${variables.id}, STRIPE_SECRET_KEY or ${variables.text}`,
            message: `no price for ${edition.name}: set ${variables.id} and STRIPE_SECRET_KEY to read it from Stripe (the same price Checkout charges), or ${variables.text}, e.g. "49.00 USD".`,
          },
    );
  } catch (error) {
    if (!(error instanceof PriceError)) throw error;
    problems.push({ variable: error.variable, message: error.message });
  }
  return undefined;
}

/**
 * Resolve the build's storefront configuration from the environment.
 * @param env - `process.env` merged with Vite's `.env` files
 * @param options.production - a production build: missing values fail instead of using demo values
 * @param options.fetch - reaches Stripe (tests pass a loopback stand-in's origin in STRIPE_API_BASE)
 * @throws {StorefrontConfigError} in a production build, naming every missing or wrong variable
 */
export async function resolveStorefront(
  env: Env,
  options: {
    readonly production: boolean;
    readonly fetch?: typeof fetch;
    readonly readFile?: (path: string) => string;
  },
): Promise<StorefrontBuild> {
  const read = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const problems: BuildProblem[] = [];
  const production = options.production;

  let secretKey: string | undefined;
  try {
    secretKey = secret(env, 'STRIPE_SECRET_KEY', read);
  } catch {
    problems.push({
      variable: 'STRIPE_SECRET_KEY_FILE',
      message: 'the file STRIPE_SECRET_KEY_FILE names cannot be read.',
    });
  }
  const prices: Partial<Record<EditionId, BuildPrice>> = {};
  for (const edition of Object.values(EDITIONS)) {
    const price = await resolvePrice(edition, env, secretKey, problems, options);
    if (price !== undefined) prices[edition.id as EditionId] = price;
  }

  const pick = (variable: string, demoValue: string, check?: (value: string) => string | null) => {
    const value = text(env, variable);
    if (value === undefined) {
      if (production)
        problems.push({ variable, message: `${variable} is not set; the legal pages name it.` });
      return demoValue;
    }
    const wrong =
      check?.(value) ??
      (production && PLACEHOLDER.test(value)
        ? `${variable} holds a placeholder; set the real value.`
        : null);
    if (wrong !== null) problems.push({ variable, message: wrong });
    return value;
  };
  const legalName = pick('VITE_LEGAL_NAME', DEMO_OPERATOR.legalName);
  const address = pick('VITE_LEGAL_ADDRESS', DEMO_OPERATOR.address);
  const refundDaysText = pick('VITE_REFUND_DAYS', String(DEMO_OPERATOR.refundDays), (value) =>
    /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 365
      ? null
      : 'VITE_REFUND_DAYS must be a whole number of days from 1 to 365, e.g. 30.',
  );
  const supportEmail = pick(SUPPORT.siteVariable, DEMO_OPERATOR.supportEmail, (value) =>
    EMAIL.test(value)
      ? null
      : `${SUPPORT.siteVariable} must be an email address, e.g. ${SUPPORT.defaultEmail}.`,
  );

  let siteUrl = DEFAULT_SITE_URL;
  const rawSite = text(env, 'VITE_SITE_URL');
  if (rawSite !== undefined) {
    try {
      const url = new URL(rawSite);
      if (url.protocol !== 'https:' && production) throw new Error('not https');
      siteUrl = url.origin;
    } catch {
      problems.push({
        variable: 'VITE_SITE_URL',
        message: "VITE_SITE_URL must be the site's https:// origin, e.g. https://localmemory.co.",
      });
    }
  }
  const fulfilment = text(env, 'VITE_FULFILMENT') === 'server' ? 'server' : 'browser';

  // Missing values only fail a production build (see above); a wrong value fails every build.
  if (problems.length > 0) throw new StorefrontConfigError(problems);
  return {
    price: prices[DEFAULT_EDITION] as BuildPrice,
    prices: prices as Record<EditionId, BuildPrice>,
    operator: { legalName, address, refundDays: Number(refundDaysText), supportEmail },
    siteUrl,
    fulfilment,
    demo: !production,
  };
}
