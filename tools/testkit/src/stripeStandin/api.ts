/**
 * The Stripe API resources the product uses, under `/v1`: Checkout Sessions (create, retrieve,
 * line items, list with cursor pagination) and refunds. Every request is counted, then meets the
 * configured fault, then needs a test secret key. Bodies and queries are Stripe's form encoding.
 * @module
 */
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { checkoutTaxParams, listOf, parseStripeForm } from './form.js';
import { lineItems, sessionObject } from './objects.js';
import { noSuchSession, randomId, send, stripeError, unrecognized } from './respond.js';
import { createSession, type StandinState } from './state.js';
import type { StandinSession } from './types.js';
import { refund } from './webhooks.js';

type Env = { Bindings: HttpBindings; Variables: { form: Record<string, unknown> } };

/** The `/v1` routes over `state`. */
export function stripeApi(state: StandinState): Hono<Env> {
  const api = new Hono<Env>();

  api.use(async (c, next) => {
    state.requests++;
    const { fault } = state;
    if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.mode === 'reset') {
      c.env.incoming.socket.destroy();
      return new Response(null);
    }
    if (fault.mode === 'error') {
      return stripeError(c, 500, 'api_error', 'stand-in: simulated Stripe outage');
    }
    if (!/^Bearer (sk|rk)_test_/.test(c.req.header('authorization') ?? '')) {
      return stripeError(
        c,
        401,
        'invalid_request_error',
        'Invalid API Key provided (the stand-in takes sk_test_ keys)',
      );
    }
    c.set('form', c.req.method === 'POST' ? parseStripeForm(await c.req.text()) : {});
    await next();
  });

  const query = (url: string) => parseStripeForm(new URL(url).search.slice(1));

  api.post('/checkout/sessions', (c) => {
    const body = c.get('form');
    const items = Object.values((body.line_items ?? {}) as Record<string, { price?: string }>);
    const price = items[0]?.price;
    if (!price || typeof body.success_url !== 'string') {
      return stripeError(
        c,
        400,
        'invalid_request_error',
        'line_items[0][price] and success_url are required',
        'parameter_missing',
      );
    }
    const tax = checkoutTaxParams(body);
    if ('error' in tax) {
      return stripeError(c, 400, 'invalid_request_error', tax.error.message, tax.error.code);
    }
    const session = createSession(state, {
      ...tax,
      priceId: price,
      status: 'open',
      paymentStatus: 'unpaid',
      email: typeof body.customer_email === 'string' ? body.customer_email : null,
      successUrl: body.success_url,
      cancelUrl: typeof body.cancel_url === 'string' ? body.cancel_url : '',
      allowPromotionCodes: body.allow_promotion_codes === 'true',
      termsConsent:
        (body.consent_collection as { terms_of_service?: string } | undefined)?.terms_of_service ===
        'required',
    });
    return send(c, 200, sessionObject(state, session.id));
  });

  api.get('/checkout/sessions/:id', (c) => {
    const id = c.req.param('id');
    if (!state.sessions.has(id)) return noSuchSession(c, id);
    return send(c, 200, sessionObject(state, id, listOf(query(c.req.url).expand)));
  });

  api.get('/checkout/sessions/:id/line_items', (c) => {
    const id = c.req.param('id');
    const session = state.sessions.get(id);
    if (!session) return noSuchSession(c, id);
    return send(c, 200, lineItems(session));
  });

  api.get('/checkout/sessions', (c) => {
    const q = query(c.req.url);
    const email = (q.customer_details as { email?: string } | undefined)?.email;
    const intent = q.payment_intent;
    const limit = Math.min(Number(q.limit ?? 10) || 10, 100);
    const data = [...state.sessions.values()]
      .filter((s) => (email === undefined ? true : s.email === email))
      .filter((s) => (intent === undefined ? true : s.paymentIntentId === intent))
      .filter((s) => (q.status === undefined ? true : s.status === q.status))
      .sort((a, b) => b.created - a.created);
    // Stripe's cursor pagination: the page after `starting_after`, and whether more follow.
    const after = typeof q.starting_after === 'string' ? q.starting_after : undefined;
    const from = after === undefined ? 0 : data.findIndex((s) => s.id === after) + 1;
    if (after !== undefined && from === 0) return noSuchSession(c, after);
    const expand = listOf(q.expand).map((e) => e.replace(/^data\./, ''));
    return send(c, 200, {
      object: 'list',
      data: data.slice(from, from + limit).map((s) => sessionObject(state, s.id, expand)),
      has_more: from + limit < data.length,
      url: '/v1/checkout/sessions',
    });
  });

  api.post('/refunds', (c) => {
    const body = c.get('form');
    const intent = typeof body.payment_intent === 'string' ? body.payment_intent : undefined;
    const id = intent ? state.byIntent.get(intent) : undefined;
    if (!id) {
      return stripeError(
        c,
        404,
        'invalid_request_error',
        'No such payment_intent',
        'resource_missing',
      );
    }
    const session = state.sessions.get(id) as StandinSession;
    // As Stripe does, the event follows the answer.
    state.later(0, () => void refund(state, id));
    return send(c, 200, {
      id: randomId('re_'),
      object: 'refund',
      amount: session.unitAmount,
      charge: session.chargeId,
      currency: session.currency,
      payment_intent: session.paymentIntentId,
      status: 'succeeded',
    });
  });

  api.all('*', unrecognized);
  return api;
}
