/**
 * A local stand-in for the few Stripe endpoints the API uses, for tests, `npm start` and e2e.
 * NOT Stripe: it answers on 127.0.0.1 with objects shaped like Stripe's (Checkout Sessions with
 * line items, payment intents, charges, refunds, events), and the real `stripe` SDK reaches it
 * through its host/port/protocol options. It also hosts a pay page (`GET /c/pay/:id`) whose
 * buttons mark the session paid (or pending, for "pay later"), POST signed webhook events to the
 * API (Stripe's `t=…,v1=HMAC-SHA256` scheme, retried like Stripe on non-2xx) and redirect to the
 * session's `success_url`. Test controls for other processes: `POST /_standin/sessions` (JSON
 * fields of {@link StandinSession}), `POST /_standin/sessions/:id/{settle,refund,dispute}` (sends the
 * event), `GET /_standin/deliveries`.
 * @module
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Checkout Session as the stand-in keeps it. */
export interface StandinSession {
  id: string;
  priceId: string;
  unitAmount: number;
  currency: string;
  created: number;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  email: string | null;
  successUrl: string;
  cancelUrl: string;
  allowPromotionCodes: boolean;
  termsConsent: boolean;
  /** `automatic_tax[enabled]` (Stripe Tax). */
  automaticTax: boolean;
  /** `tax_id_collection[enabled]`. */
  taxIdCollection: boolean;
  /** `billing_address_collection` (`auto` when not asked, as Stripe answers). */
  billingAddressCollection: 'auto' | 'required';
  /** `invoice_creation[enabled]`. */
  invoiceCreation: boolean;
  paymentIntentId: string | null;
  chargeId: string | null;
  refunded: boolean;
  disputed: boolean;
}

/** How the stand-in misbehaves, for outage tests. */
export interface StandinFault {
  /** Wait this long before answering an API request. */
  delayMs: number;
  /** `error`: answer 500 api_error; `reset`: drop the connection; `none`: behave. */
  mode: 'none' | 'error' | 'reset';
}

/** Options of {@link startStripeStandin}. */
export interface StandinOptions {
  /** The price every created session sells (`STRIPE_PRICE_ID` of the API under test). */
  readonly priceId: string;
  readonly unitAmount?: number;
  readonly currency?: string;
  /** Where events go, and the secret that signs them; settable later with `setWebhook`. */
  readonly webhookUrl?: string;
  readonly webhookSecret?: string;
  /** Delays before redelivering an event the API did not accept (default 1 s, 2 s, 4 s). */
  readonly webhookRetryDelaysMs?: readonly number[];
  /** "Pay later" sessions settle after this long (default 5 s); 0 means only when told. */
  readonly settleAfterMs?: number;
  readonly port?: number;
}

/** A delivered (or attempted) webhook. */
export interface StandinDelivery {
  readonly eventId: string;
  readonly type: string;
  readonly status: number;
}

/** The running stand-in. */
export interface StripeStandin {
  readonly origin: string;
  readonly port: number;
  readonly sessions: Map<string, StandinSession>;
  readonly fault: StandinFault;
  readonly deliveries: StandinDelivery[];
  /** API requests answered (for load measurements). */
  readonly requestCount: () => number;
  setWebhook(url: string, secret: string): void;
  /** Add a session directly (tests): defaults to a paid purchase of the configured price. */
  createSession(fields?: Partial<StandinSession>): StandinSession;
  /** Mark paid (creating the payment intent and charge) without sending events. */
  markPaid(id: string): StandinSession;
  /** Build a signed-ready Stripe event object for `type` around `object`. */
  event(type: string, object: unknown): { id: string; payload: string };
  /** Send an event (retried on non-2xx); resolves with the final HTTP status. */
  sendEvent(type: string, object: unknown): Promise<number>;
  /** Stripe-shaped JSON of a session, as the API returns it. */
  sessionObject(id: string, expand?: readonly string[]): Record<string, unknown>;
  chargeObject(session: StandinSession): Record<string, unknown>;
  /** Fully refund a paid session and send `charge.refunded`. */
  refund(id: string): Promise<number>;
  /** Open a dispute on a paid session and send `charge.dispute.created`. */
  dispute(id: string): Promise<number>;
  /** Settle a "pay later" session and send `checkout.session.async_payment_succeeded`. */
  settle(id: string): Promise<number>;
  close(): Promise<void>;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomId = (prefix: string, length = 24) =>
  `${prefix}${[...randomBytes(length)].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('')}`;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Parse `a[b][0][c]=v` form bodies and query strings the way Stripe's SDK writes them.
 * @returns nested objects and arrays
 */
export function parseStripeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = rawKey.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      if (i === parts.length - 1) {
        node[part] = value;
      } else {
        node[part] ??= {};
        node = node[part] as Record<string, unknown>;
      }
    }
  }
  return root;
}

const listOf = (value: unknown): string[] =>
  value === undefined
    ? []
    : typeof value === 'string'
      ? [value]
      : Object.values(value as Record<string, string>);

/** Stripe's refusal of a parameter, as the stand-in words it. */
interface ParamError {
  readonly error: { readonly message: string; readonly code: string };
}

/** A `[enabled]` hash as Stripe reads it: absent, or `enabled` a boolean. */
function enabledHash(body: Record<string, unknown>, name: string): boolean | ParamError {
  const value = body[name];
  if (value === undefined) return false;
  const enabled =
    typeof value === 'object' && value !== null ? (value as { enabled?: unknown }).enabled : value;
  if (enabled === undefined || typeof value !== 'object') {
    return {
      error: { message: `Missing required param: ${name}[enabled].`, code: 'parameter_missing' },
    };
  }
  if (enabled !== 'true' && enabled !== 'false') {
    return {
      error: {
        message: `Invalid boolean: ${String(enabled)} (${name}[enabled])`,
        code: 'parameter_invalid_boolean',
      },
    };
  }
  return enabled === 'true';
}

/**
 * The tax and invoice parameters of a Checkout Session create, checked as Stripe checks them.
 * @returns the session fields, or Stripe's error
 */
export function checkoutTaxParams(
  body: Record<string, unknown>,
):
  | Pick<
      StandinSession,
      'automaticTax' | 'taxIdCollection' | 'billingAddressCollection' | 'invoiceCreation'
    >
  | ParamError {
  const automaticTax = enabledHash(body, 'automatic_tax');
  if (typeof automaticTax !== 'boolean') return automaticTax;
  const taxIdCollection = enabledHash(body, 'tax_id_collection');
  if (typeof taxIdCollection !== 'boolean') return taxIdCollection;
  const invoiceCreation = enabledHash(body, 'invoice_creation');
  if (typeof invoiceCreation !== 'boolean') return invoiceCreation;
  const billing = body.billing_address_collection ?? 'auto';
  if (billing !== 'auto' && billing !== 'required') {
    return {
      error: {
        message: `Invalid billing_address_collection: must be one of auto or required`,
        code: 'parameter_invalid_string',
      },
    };
  }
  return { automaticTax, taxIdCollection, invoiceCreation, billingAddressCollection: billing };
}

/**
 * Start the stand-in on 127.0.0.1.
 * @param options - price, webhook target and secret, port (default 0: a free port)
 */
export async function startStripeStandin(options: StandinOptions): Promise<StripeStandin> {
  const sessions = new Map<string, StandinSession>();
  const byIntent = new Map<string, string>();
  const fault: StandinFault = { delayMs: 0, mode: 'none' };
  const deliveries: StandinDelivery[] = [];
  const unitAmount = options.unitAmount ?? 4900;
  const currency = options.currency ?? 'usd';
  const retryDelays = options.webhookRetryDelaysMs ?? [1000, 2000, 4000];
  const settleAfterMs = options.settleAfterMs ?? 5000;
  let webhookUrl = options.webhookUrl;
  let webhookSecret = options.webhookSecret;
  let requests = 0;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  function createSession(fields: Partial<StandinSession> = {}): StandinSession {
    const session: StandinSession = {
      id: randomId('cs_test_', 58),
      priceId: options.priceId,
      unitAmount,
      currency,
      created: nowSeconds(),
      status: 'complete',
      paymentStatus: 'paid',
      email: 'buyer@example.com',
      successUrl: 'http://127.0.0.1/success?session_id={CHECKOUT_SESSION_ID}',
      cancelUrl: 'http://127.0.0.1/pricing',
      allowPromotionCodes: false,
      termsConsent: false,
      automaticTax: false,
      taxIdCollection: false,
      billingAddressCollection: 'auto',
      invoiceCreation: false,
      paymentIntentId: null,
      chargeId: null,
      refunded: false,
      disputed: false,
      ...fields,
    };
    if (session.paymentStatus === 'paid' && session.paymentIntentId === null) {
      session.paymentIntentId = randomId('pi_');
      session.chargeId = randomId('ch_');
    }
    if (session.paymentIntentId) byIntent.set(session.paymentIntentId, session.id);
    sessions.set(session.id, session);
    return session;
  }

  function markPaid(id: string): StandinSession {
    const session = sessions.get(id);
    if (!session) throw new Error(`stand-in: no session ${id}`);
    session.status = 'complete';
    session.paymentStatus = 'paid';
    session.paymentIntentId ??= randomId('pi_');
    session.chargeId ??= randomId('ch_');
    byIntent.set(session.paymentIntentId, session.id);
    return session;
  }

  function chargeObject(session: StandinSession): Record<string, unknown> {
    return {
      id: session.chargeId,
      object: 'charge',
      amount: session.unitAmount,
      amount_captured: session.unitAmount,
      amount_refunded: session.refunded ? session.unitAmount : 0,
      currency: session.currency,
      captured: true,
      disputed: session.disputed,
      livemode: false,
      paid: true,
      payment_intent: session.paymentIntentId,
      refunded: session.refunded,
      receipt_url: `${origin}/receipts/${session.chargeId}`,
      status: 'succeeded',
      created: session.created,
    };
  }

  function intentObject(session: StandinSession, expandCharge: boolean): Record<string, unknown> {
    return {
      id: session.paymentIntentId,
      object: 'payment_intent',
      amount: session.unitAmount,
      currency: session.currency,
      livemode: false,
      status: session.paymentStatus === 'paid' ? 'succeeded' : 'processing',
      latest_charge: session.chargeId
        ? expandCharge
          ? chargeObject(session)
          : session.chargeId
        : null,
    };
  }

  function lineItems(session: StandinSession): Record<string, unknown> {
    return {
      object: 'list',
      data: [
        {
          id: `li_${session.id.slice(8, 32)}`,
          object: 'item',
          amount_discount: 0,
          amount_subtotal: session.unitAmount,
          amount_tax: 0,
          amount_total: session.unitAmount,
          currency: session.currency,
          description: 'Local Memory',
          price: {
            id: session.priceId,
            object: 'price',
            active: true,
            currency: session.currency,
            livemode: false,
            product: 'prod_standin',
            type: 'one_time',
            unit_amount: session.unitAmount,
          },
          quantity: 1,
        },
      ],
      has_more: false,
      url: `/v1/checkout/sessions/${session.id}/line_items`,
    };
  }

  function sessionObject(id: string, expand: readonly string[] = []): Record<string, unknown> {
    const session = sessions.get(id);
    if (!session) throw new Error(`stand-in: no session ${id}`);
    const intent =
      session.paymentIntentId === null
        ? null
        : expand.includes('payment_intent') || expand.includes('payment_intent.latest_charge')
          ? intentObject(session, expand.includes('payment_intent.latest_charge'))
          : session.paymentIntentId;
    return {
      id: session.id,
      object: 'checkout.session',
      allow_promotion_codes: session.allowPromotionCodes,
      automatic_tax: {
        enabled: session.automaticTax,
        liability: session.automaticTax ? { type: 'self' } : null,
        status: session.automaticTax
          ? session.status === 'complete'
            ? 'complete'
            : 'requires_location_inputs'
          : null,
      },
      billing_address_collection: session.billingAddressCollection,
      invoice_creation: {
        enabled: session.invoiceCreation,
        invoice_data: {
          account_tax_ids: null,
          custom_fields: null,
          description: null,
          footer: null,
          issuer: null,
          metadata: {},
          rendering_options: null,
        },
      },
      tax_id_collection: { enabled: session.taxIdCollection, required: 'never' },
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      amount_subtotal: session.unitAmount,
      amount_total: session.unitAmount,
      cancel_url: session.cancelUrl,
      consent_collection: session.termsConsent ? { terms_of_service: 'required' } : null,
      created: session.created,
      currency: session.currency,
      customer: null,
      customer_details: session.email
        ? {
            email: session.email,
            name: null,
            phone: null,
            address: null,
            tax_exempt: 'none',
            tax_ids: [],
          }
        : null,
      customer_email: null,
      expires_at: session.created + 86_400,
      livemode: false,
      metadata: {},
      mode: 'payment',
      payment_intent: intent,
      payment_method_types: ['card'],
      payment_status: session.paymentStatus,
      status: session.status,
      success_url: session.successUrl,
      url: session.status === 'open' ? `${origin}/c/pay/${session.id}` : null,
      ...(expand.includes('line_items') ? { line_items: lineItems(session) } : {}),
    };
  }

  function event(type: string, object: unknown): { id: string; payload: string } {
    const id = randomId('evt_');
    const payload = JSON.stringify(
      {
        id,
        object: 'event',
        api_version: '2025-01-01',
        created: nowSeconds(),
        data: { object },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
      },
      null,
      2,
    );
    return { id, payload };
  }

  async function deliver(id: string, type: string, payload: string): Promise<number> {
    if (!webhookUrl || !webhookSecret) return 0;
    let status = 0;
    for (let attempt = 0; attempt <= retryDelays.length; attempt++) {
      const timestamp = nowSeconds();
      const signature = createHmac('sha256', webhookSecret)
        .update(`${timestamp}.${payload}`)
        .digest('hex');
      try {
        const response = await fetch(webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'stripe-signature': `t=${timestamp},v1=${signature}`,
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks) local stand-in',
          },
          body: payload,
        });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = 0;
      }
      deliveries.push({ eventId: id, type, status });
      if (status >= 200 && status < 300) return status;
      const delay = retryDelays[attempt];
      if (delay === undefined) break;
      await new Promise<void>((resolve) => later(delay, resolve));
    }
    return status;
  }

  function sendEvent(type: string, object: unknown): Promise<number> {
    const { id, payload } = event(type, object);
    return deliver(id, type, payload);
  }

  async function refund(id: string): Promise<number> {
    const session = sessions.get(id);
    if (!session?.chargeId) throw new Error(`stand-in: session ${id} has no charge to refund`);
    session.refunded = true;
    return sendEvent('charge.refunded', chargeObject(session));
  }

  async function dispute(id: string): Promise<number> {
    const session = sessions.get(id);
    if (!session?.chargeId) throw new Error(`stand-in: session ${id} has no charge to dispute`);
    session.disputed = true;
    return sendEvent('charge.dispute.created', {
      id: randomId('dp_'),
      object: 'dispute',
      amount: session.unitAmount,
      charge: session.chargeId,
      currency: session.currency,
      payment_intent: session.paymentIntentId,
      reason: 'fraudulent',
      status: 'needs_response',
    });
  }

  async function settle(id: string): Promise<number> {
    markPaid(id);
    return sendEvent('checkout.session.async_payment_succeeded', sessionObject(id));
  }

  /** Stripe's answer for a Checkout Session id it does not know. */
  function noSuchSession(res: ServerResponse, id: string): void {
    stripeError(
      res,
      404,
      'invalid_request_error',
      `No such checkout.session: '${id}'`,
      'resource_missing',
    );
  }

  function stripeError(
    res: ServerResponse,
    status: number,
    type: string,
    message: string,
    code?: string,
  ) {
    send(res, status, { error: { type, message, ...(code ? { code } : {}) } });
  }

  function send(res: ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'request-id': randomId('req_', 14),
    });
    res.end(text);
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL) {
    requests++;
    if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.mode === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault.mode === 'error') {
      stripeError(res, 500, 'api_error', 'stand-in: simulated Stripe outage');
      return;
    }
    if (!/^Bearer (sk|rk)_test_/.test(req.headers.authorization ?? '')) {
      stripeError(
        res,
        401,
        'invalid_request_error',
        'Invalid API Key provided (the stand-in takes sk_test_ keys)',
      );
      return;
    }
    const body = req.method === 'POST' ? parseStripeForm(await readBody(req)) : {};
    const query = parseStripeForm(url.search.slice(1));
    const path = url.pathname;
    // `/v1/checkout/sessions/{id}` and `/v1/checkout/sessions/{id}/line_items`.
    const sessionPath = path.match(/^\/v1\/checkout\/sessions\/([^/]+)(\/line_items)?$/);

    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      const items = Object.values((body.line_items ?? {}) as Record<string, { price?: string }>);
      const price = items[0]?.price;
      if (!price || typeof body.success_url !== 'string') {
        stripeError(
          res,
          400,
          'invalid_request_error',
          'line_items[0][price] and success_url are required',
          'parameter_missing',
        );
        return;
      }
      const tax = checkoutTaxParams(body);
      if ('error' in tax) {
        stripeError(res, 400, 'invalid_request_error', tax.error.message, tax.error.code);
        return;
      }
      const session = createSession({
        ...tax,
        priceId: price,
        status: 'open',
        paymentStatus: 'unpaid',
        email: typeof body.customer_email === 'string' ? body.customer_email : null,
        successUrl: body.success_url,
        cancelUrl: typeof body.cancel_url === 'string' ? body.cancel_url : '',
        allowPromotionCodes: body.allow_promotion_codes === 'true',
        termsConsent:
          (body.consent_collection as { terms_of_service?: string } | undefined)
            ?.terms_of_service === 'required',
      });
      send(res, 200, sessionObject(session.id));
      return;
    }
    if (req.method === 'GET' && sessionPath) {
      const id = decodeURIComponent(sessionPath[1] as string);
      const session = sessions.get(id);
      if (!session) {
        noSuchSession(res, id);
        return;
      }
      send(res, 200, sessionPath[2] ? lineItems(session) : sessionObject(id, listOf(query.expand)));
      return;
    }
    if (req.method === 'GET' && path === '/v1/checkout/sessions') {
      const email = (query.customer_details as { email?: string } | undefined)?.email;
      const intent = query.payment_intent;
      const limit = Math.min(Number(query.limit ?? 10) || 10, 100);
      const data = [...sessions.values()]
        .filter((s) => (email === undefined ? true : s.email === email))
        .filter((s) => (intent === undefined ? true : s.paymentIntentId === intent))
        .filter((s) => (query.status === undefined ? true : s.status === query.status))
        .sort((a, b) => b.created - a.created);
      // Stripe's cursor pagination: the page after `starting_after`, and whether more follow.
      const after = typeof query.starting_after === 'string' ? query.starting_after : undefined;
      const from = after === undefined ? 0 : data.findIndex((s) => s.id === after) + 1;
      if (after !== undefined && from === 0) {
        noSuchSession(res, after);
        return;
      }
      const page = data.slice(from, from + limit).map((s) =>
        sessionObject(
          s.id,
          listOf(query.expand).map((e) => e.replace(/^data\./, '')),
        ),
      );
      send(res, 200, {
        object: 'list',
        data: page,
        has_more: from + limit < data.length,
        url: '/v1/checkout/sessions',
      });
      return;
    }
    if (req.method === 'POST' && path === '/v1/refunds') {
      const intent = typeof body.payment_intent === 'string' ? body.payment_intent : undefined;
      const id = intent ? byIntent.get(intent) : undefined;
      if (!id) {
        stripeError(
          res,
          404,
          'invalid_request_error',
          'No such payment_intent',
          'resource_missing',
        );
        return;
      }
      const session = sessions.get(id) as StandinSession;
      const refundObject = {
        id: randomId('re_'),
        object: 'refund',
        amount: session.unitAmount,
        charge: session.chargeId,
        currency: session.currency,
        payment_intent: session.paymentIntentId,
        status: 'succeeded',
      };
      send(res, 200, refundObject);
      void refund(id);
      return;
    }
    stripeError(
      res,
      404,
      'invalid_request_error',
      `Unrecognized request URL (${req.method}: ${path}) on the stand-in`,
    );
  }

  const escapeHtml = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  function payPage(res: ServerResponse, session: StandinSession) {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pay – Stripe stand-in</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto">
<p><strong>Local Stripe stand-in</strong> (test only, no money moves)</p>
<h1>Local Memory</h1>
<p>${(session.unitAmount / 100).toFixed(2)} ${escapeHtml(session.currency.toUpperCase())}</p>
<form method="post" action="/c/pay/${escapeHtml(session.id)}">
<label>Email <input type="email" name="email" required value="${escapeHtml(session.email ?? 'buyer@example.com')}"></label>
<p><button type="submit" name="action" value="pay">Pay</button>
<button type="submit" name="action" value="later">Pay later (bank transfer)</button></p>
</form>
<p><a href="${escapeHtml(session.cancelUrl)}">Cancel</a></p>
</body></html>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  }

  /** What Stripe's `receipt_url` shows, reduced to the facts. */
  function receiptPage(res: ServerResponse, chargeId: string) {
    const session = [...sessions.values()].find((s) => s.chargeId === chargeId);
    if (!session) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('stand-in: no such receipt');
      return;
    }
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Receipt – Stripe stand-in</title></head>
<body style="font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto">
<p><strong>Local Stripe stand-in</strong> (test only, no money moved)</p>
<h1>Receipt from Local Memory</h1>
<p>${(session.unitAmount / 100).toFixed(2)} ${escapeHtml(session.currency.toUpperCase())}${session.refunded ? ' (refunded)' : ''}</p>
</body></html>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  }

  // Test controls (not Stripe): for suites that run the stand-in in another process.
  async function control(req: IncomingMessage, res: ServerResponse, path: string) {
    if (req.method === 'POST' && path === '/_standin/sessions') {
      const text = await readBody(req);
      const fields = (text ? JSON.parse(text) : {}) as Partial<StandinSession>;
      const session = createSession(fields);
      send(res, 200, sessionObject(session.id));
      return;
    }
    const action = path.match(/^\/_standin\/sessions\/([^/]+)\/(settle|refund|dispute)$/);
    const id = action ? decodeURIComponent(action[1] as string) : '';
    if (req.method === 'POST' && action && sessions.has(id)) {
      const run = { settle, refund, dispute }[action[2] as 'settle' | 'refund' | 'dispute'];
      const webhookStatus = await run(id);
      send(res, 200, { session: sessionObject(id), webhookStatus });
      return;
    }
    if (req.method === 'GET' && path === '/_standin/deliveries') {
      send(res, 200, deliveries);
      return;
    }
    stripeError(res, 404, 'invalid_request_error', `stand-in: no control ${req.method} ${path}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/v1/')) return api(req, res, url);
    if (url.pathname.startsWith('/_standin/')) return control(req, res, url.pathname);
    const receipt = url.pathname.match(/^\/receipts\/([^/]+)$/);
    if (receipt && req.method === 'GET')
      return receiptPage(res, decodeURIComponent(receipt[1] as string));
    const pay = url.pathname.match(/^\/c\/pay\/([^/]+)$/);
    const session = pay ? sessions.get(decodeURIComponent(pay[1] as string)) : undefined;
    if (pay && !session) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('stand-in: no such checkout session');
      return;
    }
    if (session && req.method === 'GET') return payPage(res, session);
    if (session && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      if (session.status !== 'open') {
        res.writeHead(409, { 'content-type': 'text/plain' });
        res.end('stand-in: this checkout session is no longer open');
        return;
      }
      session.email = form.get('email') || session.email || 'buyer@example.com';
      session.status = 'complete';
      if (form.get('action') === 'later') {
        session.paymentIntentId = randomId('pi_');
        byIntent.set(session.paymentIntentId, session.id);
        await sendEvent('checkout.session.completed', sessionObject(session.id));
        if (settleAfterMs > 0) later(settleAfterMs, () => void settle(session.id));
      } else {
        markPaid(session.id);
        await sendEvent('checkout.session.completed', sessionObject(session.id));
      }
      res.writeHead(303, {
        location: session.successUrl.replace('{CHECKOUT_SESSION_ID}', session.id),
        'cache-control': 'no-store',
      });
      res.end();
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('stand-in: not found');
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        stripeError(res, 500, 'api_error', `stand-in failure: ${String(error)}`);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    port,
    sessions,
    fault,
    deliveries,
    requestCount: () => requests,
    setWebhook(url, secret) {
      webhookUrl = url;
      webhookSecret = secret;
    },
    createSession,
    markPaid,
    event,
    sendEvent,
    sessionObject,
    chargeObject,
    refund,
    dispute,
    settle,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
