/**
 * A local stand-in for the few Stripe endpoints the product uses, for tests, `npm start` and e2e.
 * NOT Stripe: it answers on 127.0.0.1 with objects shaped like Stripe's, and the real `stripe`
 * SDK reaches it through its host/port/protocol options. One Hono app, routed by job:
 * - `/v1/…` the Stripe API resources (api.ts);
 * - `/c/pay/:id`, `/receipts/:id` the hosted pay page and receipts (payPage.ts);
 * - `/_standin/…` test controls for other processes (control.ts);
 * and webhook delivery, signed and retried as Stripe does (webhooks.ts). Anything else answers a
 * Stripe-shaped 404 naming the method and path.
 * @module
 */
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { stripeApi } from './api.js';
import { controls } from './control.js';
import { chargeObject, sessionObject } from './objects.js';
import { hostedPages } from './payPage.js';
import { stripeError, unrecognized } from './respond.js';
import { createSession, createState, markPaid, type StandinState } from './state.js';
import type { StandinOptions, StripeStandin } from './types.js';
import { dispute, event, refund, sendEvent, settle } from './webhooks.js';

export { checkoutTaxParams, parseStripeForm } from './form.js';
export type {
  StandinDelivery,
  StandinFault,
  StandinOptions,
  StandinSession,
  StripeStandin,
} from './types.js';

/** The stand-in's whole HTTP surface over `state`. */
export function standinApp(state: StandinState): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.route('/v1', stripeApi(state));
  app.route('/_standin', controls(state));
  app.route('/', hostedPages(state));
  app.notFound(unrecognized);
  app.onError((error, c) => stripeError(c, 500, 'api_error', `stand-in failure: ${String(error)}`));
  return app;
}

/**
 * Start the stand-in on 127.0.0.1.
 * @param options - price, webhook target and secret, port (default 0: a free port)
 */
export async function startStripeStandin(options: StandinOptions): Promise<StripeStandin> {
  const state = createState(options);
  const server = createAdaptorServer({ fetch: standinApp(state).fetch });
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  state.origin = `http://127.0.0.1:${port}`;

  return {
    origin: state.origin,
    port,
    sessions: state.sessions,
    fault: state.fault,
    deliveries: state.deliveries,
    requestCount: () => state.requests,
    setWebhook(url, secret) {
      state.webhook.url = url;
      state.webhook.secret = secret;
    },
    createSession: (fields) => createSession(state, fields),
    markPaid: (id) => markPaid(state, id),
    event,
    sendEvent: (type, object) => sendEvent(state, type, object),
    sessionObject: (id, expand) => sessionObject(state, id, expand),
    chargeObject: (session) => chargeObject(state, session),
    refund: (id) => refund(state, id),
    dispute: (id) => dispute(state, id),
    settle: (id) => settle(state, id),
    async close() {
      state.clearTimers();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
