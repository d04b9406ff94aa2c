/**
 * `POST /api/checkout`: a Checkout Session for the price of the edition the request names
 * (`{ "edition": "…" }`, the default edition when absent), answered as `{ "url" }`, the contract
 * the landing's `VITE_STRIPE_CHECKOUT_ENDPOINT` already speaks.
 * @module
 */
import { DEFAULT_EDITION, EDITIONS, type EditionId, isEditionId } from '@local-memory/catalog';
import type { CheckoutBody } from '@local-memory/contract';
import { Hono } from 'hono';
import { RequestError } from '../errors.js';
import { FulfilmentError } from '../fulfilment/errors.js';
import type { Services } from '../services.js';
import { stripeUnavailable } from '../stripe/client.js';
import { requireSiteOrigin } from './siteOrigin.js';
import type { AppEnv } from './types.js';

/** The edition a checkout request names; throws 400 for anything but a known edition id. */
function requestedEdition(body: string): EditionId {
  let parsed: unknown = {};
  if (body.trim() !== '') {
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new RequestError('bad_request', 'Send the checkout request as a JSON object');
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RequestError('bad_request', 'Send the checkout request as a JSON object');
  }
  const edition = (parsed as { edition?: unknown }).edition;
  if (edition === undefined) return DEFAULT_EDITION;
  if (!isEditionId(edition)) {
    throw new RequestError(
      'bad_request',
      `edition must be one of ${Object.keys(EDITIONS).join(', ')}; choose a plan on the pricing page`,
    );
  }
  return edition;
}

/** The checkout resource. */
export function checkoutRoutes(services: Services) {
  const { config, stripe } = services;
  return new Hono<AppEnv>().post('/', requireSiteOrigin(config.siteUrl), async (c) => {
    // A cross-site form or text/plain POST needs no preflight; only the storefront's JSON is
    // accepted, and refused requests spend nothing of the client's quota.
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new RequestError(
        'unsupported_media_type',
        'Start a checkout from the storefront: send the request as application/json',
      );
    }
    const edition = requestedEdition(await c.req.text());
    const limit = await services.limits.take(services.limitRules.checkoutPerClient, c.var.clientIp);
    if (!limit.ok) {
      throw new FulfilmentError(
        'rate_limited',
        'Too many checkouts started from here; wait a few minutes and try again',
        limit.retryAfter,
      );
    }
    let url: string | null;
    try {
      const session = await stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price: config.editionPrices[edition], quantity: 1 }],
        success_url: `${config.siteUrl}/success?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${config.siteUrl}/pricing`,
        allow_promotion_codes: true,
        ...(config.requireTermsConsent
          ? { consent_collection: { terms_of_service: 'required' as const } }
          : {}),
        // Stripe Tax works out the tax from the buyer's address, so it asks for one.
        ...(config.checkoutTax.automaticTax
          ? {
              automatic_tax: { enabled: true },
              billing_address_collection: 'required' as const,
            }
          : {}),
        ...(config.checkoutTax.taxIdCollection ? { tax_id_collection: { enabled: true } } : {}),
        ...(config.checkoutTax.invoiceCreation ? { invoice_creation: { enabled: true } } : {}),
      });
      url = session.url;
    } catch (error) {
      c.var.log.error('checkout session not created', {
        error: error instanceof Error ? error.name : typeof error,
      });
      throw stripeUnavailable(error);
    }
    if (!url) throw stripeUnavailable(new Error('Stripe returned a session without a url'));
    return c.json({ url } satisfies CheckoutBody);
  });
}
