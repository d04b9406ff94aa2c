// The stand-in's routing, over HTTP on loopback as its clients reach it: the Stripe API under
// /v1, the pay page, the controls, webhook delivery, and a Stripe-shaped 404 for the rest.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkoutTaxParams,
  parseStripeForm,
  type StripeStandin,
  startStripeStandin,
} from './index.js';

const KEY = { authorization: 'Bearer sk_test_TESTKITonlyNotARealKey' };
const SECRET = 'whsec_TEST-ONLY-testkit-standin-secret';

describe('the Stripe stand-in', () => {
  let standin: StripeStandin;
  let hook: Server;
  const received: { signature: string; body: string }[] = [];
  let hookStatus = 200;

  beforeAll(async () => {
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push({ signature: String(req.headers['stripe-signature']), body });
        res.writeHead(hookStatus).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    standin = await startStripeStandin({
      priceId: 'price_testkit',
      webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`,
      webhookSecret: SECRET,
      webhookRetryDelaysMs: [10],
      settleAfterMs: 0,
    });
  });
  afterAll(async () => {
    await standin.close();
    await new Promise((resolve) => hook.close(resolve));
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${standin.origin}${path}`, { ...init, headers: { ...KEY, ...init.headers } });

  it('answers an unknown route with a Stripe-shaped 404 naming the method and path', async () => {
    for (const [method, path] of [
      ['GET', '/v1/customers'],
      ['DELETE', '/v1/checkout/sessions'],
      ['GET', '/nowhere'],
    ] as const) {
      const res = await api(path, { method });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({
        error: {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${path}) on the stand-in`,
        },
      });
    }
  });

  it('refuses an API request without a test key, and counts it', async () => {
    const before = standin.requestCount();
    const res = await fetch(`${standin.origin}/v1/checkout/sessions/cs_test_x`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /sk_test_ keys/,
    );
    expect(standin.requestCount()).toBe(before + 1);
  });

  it('creates a session from the form the SDK writes, and retrieves it with expansions', async () => {
    const form = new URLSearchParams({
      'line_items[0][price]': 'price_testkit',
      'line_items[0][quantity]': '1',
      success_url: 'http://127.0.0.1/success?session_id={CHECKOUT_SESSION_ID}',
      'automatic_tax[enabled]': 'true',
    });
    const created = await api('/v1/checkout/sessions', { method: 'POST', body: form });
    expect(created.status).toBe(200);
    expect(created.headers.get('request-id')).toMatch(/^req_/);
    const session = (await created.json()) as { id: string; url: string; status: string };
    expect(session.status).toBe('open');
    expect(session.url).toBe(`${standin.origin}/c/pay/${session.id}`);
    const got = await api(`/v1/checkout/sessions/${session.id}?expand[0]=line_items`);
    const body = (await got.json()) as { automatic_tax: { enabled: boolean }; line_items: unknown };
    expect(body.automatic_tax.enabled).toBe(true);
    expect(body.line_items).toMatchObject({ object: 'list', data: [{ quantity: 1 }] });
  });

  it('answers an unknown session as Stripe does', async () => {
    const res = await api('/v1/checkout/sessions/cs_test_missing');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      error: { code: 'resource_missing', message: "No such checkout.session: 'cs_test_missing'" },
    });
  });

  it('pays on the pay page: a signed checkout.session.completed, then the success URL', async () => {
    const session = standin.createSession({ status: 'open', paymentStatus: 'unpaid' });
    received.length = 0;
    const page = await fetch(`${standin.origin}/c/pay/${session.id}`);
    expect(await page.text()).toContain('Local Stripe stand-in');
    const paid = await fetch(`${standin.origin}/c/pay/${session.id}`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'payer@example.com', action: 'pay' }),
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://127.0.0.1/success?session_id=${session.id}`);
    expect(standin.sessions.get(session.id)).toMatchObject({ paymentStatus: 'paid' });
    const [delivery] = received;
    const [t, v1] = (delivery?.signature ?? '').split(',').map((p) => p.split('=')[1]);
    expect(v1).toBe(createHmac('sha256', SECRET).update(`${t}.${delivery?.body}`).digest('hex'));
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({
      type: 'checkout.session.completed',
      data: { object: { id: session.id, customer_details: { email: 'payer@example.com' } } },
    });
    const again = await fetch(`${standin.origin}/c/pay/${session.id}`, { method: 'POST' });
    expect(again.status).toBe(409);
  });

  it('redelivers an event the endpoint refuses, and records every attempt', async () => {
    hookStatus = 500;
    const before = standin.deliveries.length;
    try {
      expect(await standin.sendEvent('charge.refunded', { id: 'ch_x' })).toBe(500);
    } finally {
      hookStatus = 200;
    }
    expect(standin.deliveries.slice(before).map((d) => d.status)).toEqual([500, 500]);
  });

  it('runs the controls: create, refund (with its event), deliveries; unknown ones are named', async () => {
    const created = await fetch(`${standin.origin}/_standin/sessions`, {
      method: 'POST',
      body: JSON.stringify({ email: 'control@example.com' }),
    });
    const { id } = (await created.json()) as { id: string };
    const refunded = await fetch(`${standin.origin}/_standin/sessions/${id}/refund`, {
      method: 'POST',
    });
    expect(await refunded.json()).toMatchObject({ webhookStatus: 200 });
    expect(standin.sessions.get(id)?.refunded).toBe(true);
    const deliveries = (await (await fetch(`${standin.origin}/_standin/deliveries`)).json()) as {
      type: string;
    }[];
    expect(deliveries.at(-1)?.type).toBe('charge.refunded');
    const unknown = await fetch(`${standin.origin}/_standin/sessions/${id}/explode`, {
      method: 'POST',
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
      /no control POST \/_standin\/sessions\/.+\/explode/,
    );
    const missing = await fetch(`${standin.origin}/_standin/sessions/cs_test_nope/settle`, {
      method: 'POST',
    });
    expect(missing.status).toBe(404);
    const bad = await fetch(`${standin.origin}/_standin/sessions`, { method: 'POST', body: '{' });
    expect(bad.status).toBe(400);
  });

  it('misbehaves as told: a simulated outage answers 500 api_error', async () => {
    standin.fault.mode = 'error';
    try {
      const res = await api('/v1/checkout/sessions/cs_test_any');
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ error: { type: 'api_error' } });
    } finally {
      standin.fault.mode = 'none';
    }
  });
});

describe('reading what the SDK sends', () => {
  it('parses nested form keys into objects', () => {
    expect(parseStripeForm('a[b][0][c]=1&a[b][1][c]=2&x=y')).toEqual({
      a: { b: { 0: { c: '1' }, 1: { c: '2' } } },
      x: 'y',
    });
  });

  it("checks the tax parameters as Stripe does, with Stripe's error codes", () => {
    expect(checkoutTaxParams({})).toEqual({
      automaticTax: false,
      taxIdCollection: false,
      invoiceCreation: false,
      billingAddressCollection: 'auto',
    });
    expect(checkoutTaxParams({ automatic_tax: 'true' })).toMatchObject({
      error: { code: 'parameter_missing' },
    });
    expect(checkoutTaxParams({ invoice_creation: { enabled: 'yes' } })).toMatchObject({
      error: { code: 'parameter_invalid_boolean' },
    });
    expect(checkoutTaxParams({ billing_address_collection: 'never' })).toMatchObject({
      error: { code: 'parameter_invalid_string' },
    });
  });
});
