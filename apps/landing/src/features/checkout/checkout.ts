/**
 * Starting a purchase. Stripe.js is fetched only once the customer shows intent (pointer over,
 * focus on or touch of the Buy button) so the landing and Success pages never load it; hosted
 * Checkout (a Payment Link or a Session from our endpoint) then takes the customer to Stripe,
 * which returns them to /success?session_id={CHECKOUT_SESSION_ID}.
 * @module
 */
import type { EditionId } from '@local-memory/catalog';
import type { CheckoutConfig } from '../../config/env';
import { LandingError } from '../../config/errors';

export type ReadyCheckout = Exclude<CheckoutConfig, { mode: 'unconfigured' }>;

/** The module boundary tests stub: loading Stripe.js. */
export type StripeLoader = (publishableKey: string) => Promise<unknown>;

const loadStripeJs: StripeLoader = async (publishableKey) => {
  const { loadStripe } = await import('@stripe/stripe-js/pure');
  return loadStripe(publishableKey);
};

let pending: Promise<unknown> | undefined;

/**
 * Begin loading Stripe.js (once). Called on intent; failures are left for {@link startCheckout}.
 */
export function preloadStripe(checkout: ReadyCheckout, load: StripeLoader = loadStripeJs): void {
  if (checkout.mode === 'demo' || checkout.publishableKey === null || pending !== undefined) return;
  pending = load(checkout.publishableKey).catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  pending.catch(() => undefined);
}

/** Forget the loaded Stripe.js (tests). */
export function _resetStripeForTests(): void {
  pending = undefined;
}

/** Where the browser should go next. */
export type CheckoutStep = { readonly kind: 'navigate'; readonly url: string };

/** Checkout could not start; the message says what the buyer can do. */
export class CheckoutError extends LandingError<
  'CHECKOUT_UNREACHABLE' | 'CHECKOUT_REFUSED' | 'CHECKOUT_UNEXPECTED' | 'CHECKOUT_UNKNOWN_EDITION'
> {
  override readonly name: string = 'CheckoutError';
}

function randomDemoSessionId(
  random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>,
): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = random(new Uint8Array(24));
  let id = '';
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return `cs_test_demo${id}`;
}

/** Stripe's hosted pages are https; plain http only to this machine (the local Stripe stand-in). */
function isCheckoutUrl(url: string): boolean {
  if (url.startsWith('https://')) return true;
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)
    );
  } catch {
    return false;
  }
}

async function checkoutUrlFromEndpoint(
  endpoint: string,
  edition: EditionId,
  fetchImpl: typeof fetch,
): Promise<string> {
  let response: Response;
  try {
    response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ edition, successPath: '/success?session_id={CHECKOUT_SESSION_ID}' }),
    });
  } catch (error) {
    throw new CheckoutError(
      'CHECKOUT_UNREACHABLE',
      'We could not reach our checkout service. Check your connection and try again.',
      { cause: error },
    );
  }
  if (!response.ok) {
    throw new CheckoutError(
      'CHECKOUT_REFUSED',
      `Our checkout service answered with an error (${response.status}). Please try again in a minute.`,
    );
  }
  const body: unknown = await response.json().catch(() => null);
  const url =
    typeof body === 'object' && body !== null ? (body as { url?: unknown }).url : undefined;
  if (typeof url !== 'string' || !isCheckoutUrl(url)) {
    throw new CheckoutError(
      'CHECKOUT_UNEXPECTED',
      'Our checkout service gave an unexpected answer. Please try again.',
    );
  }
  return url;
}

/**
 * Work out where "Buy" goes for `edition`: its Payment Link, or a Checkout Session for it. Waits
 * briefly for Stripe.js (its fraud signals help the payment go through), but a blocked or slow Stripe.js never stops a purchase: hosted Checkout works without it.
 */
export async function startCheckout(
  checkout: ReadyCheckout,
  edition: EditionId,
  deps: {
    readonly fetch?: typeof fetch;
    readonly load?: StripeLoader;
    readonly random?: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>;
    readonly stripeWaitMs?: number;
  } = {},
): Promise<CheckoutStep> {
  if (checkout.mode === 'demo') {
    const random =
      deps.random ?? ((bytes: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(bytes));
    return {
      kind: 'navigate',
      url: `/success?session_id=${randomDemoSessionId(random)}`,
    };
  }
  preloadStripe(checkout, deps.load);
  const waitMs = deps.stripeWaitMs ?? 1500;
  await Promise.race([
    (pending ?? Promise.resolve()).catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, waitMs)),
  ]);
  if (checkout.mode === 'payment-link') {
    const url = checkout.urls[edition];
    // config/env.ts requires a link for every edition; a caller naming another is a bug here.
    if (url === undefined)
      throw new CheckoutError('CHECKOUT_UNKNOWN_EDITION', `This site sells no ${edition} edition.`);
    return { kind: 'navigate', url };
  }
  return {
    kind: 'navigate',
    url: await checkoutUrlFromEndpoint(checkout.endpoint, edition, deps.fetch ?? fetch),
  };
}
