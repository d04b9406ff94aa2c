/**
 * The hosted pages: the pay page a Checkout Session's `url` opens (`/c/pay/:id`), whose buttons
 * mark the session paid (or pending, for "pay later"), send `checkout.session.completed` and
 * redirect to the session's `success_url`; and the receipt a charge's `receipt_url` shows.
 * @module
 */
import { Hono } from 'hono';
import { sessionObject } from './objects.js';
import { markPaid, markPending, type StandinState } from './state.js';
import type { StandinSession } from './types.js';
import { sendEvent, settle } from './webhooks.js';

const escapeHtml = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const NO_STORE = { 'cache-control': 'no-store' };

const amount = (s: StandinSession) =>
  `${(s.unitAmount / 100).toFixed(2)} ${escapeHtml(s.currency.toUpperCase())}`;

function payPage(session: StandinSession): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pay – Stripe stand-in</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto">
<p><strong>Local Stripe stand-in</strong> (test only, no money moves)</p>
<h1>Local Memory</h1>
<p>${amount(session)}</p>
<form method="post" action="/c/pay/${escapeHtml(session.id)}">
<label>Email <input type="email" name="email" required value="${escapeHtml(session.email ?? 'buyer@example.com')}"></label>
<p><button type="submit" name="action" value="pay">Pay</button>
<button type="submit" name="action" value="later">Pay later (bank transfer)</button></p>
</form>
<p><a href="${escapeHtml(session.cancelUrl)}">Cancel</a></p>
</body></html>`;
}

/** What Stripe's `receipt_url` shows, reduced to the facts. */
function receiptPage(session: StandinSession): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Receipt – Stripe stand-in</title></head>
<body style="font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto">
<p><strong>Local Stripe stand-in</strong> (test only, no money moved)</p>
<h1>Receipt from Local Memory</h1>
<p>${amount(session)}${session.refunded ? ' (refunded)' : ''}</p>
</body></html>`;
}

/** The pay page and receipt routes over `state`. */
export function hostedPages(state: StandinState): Hono {
  const pages = new Hono();

  pages.get('/receipts/:charge', (c) => {
    const charge = c.req.param('charge');
    const session = [...state.sessions.values()].find((s) => s.chargeId === charge);
    if (!session) return c.text('stand-in: no such receipt', 404);
    return c.html(receiptPage(session), 200, NO_STORE);
  });

  pages.on(['GET', 'POST'], '/c/pay/:id', async (c) => {
    const session = state.sessions.get(c.req.param('id'));
    if (!session) return c.text('stand-in: no such checkout session', 404);
    if (c.req.method === 'GET') return c.html(payPage(session), 200, NO_STORE);
    const form = new URLSearchParams(await c.req.text());
    if (session.status !== 'open') {
      return c.text('stand-in: this checkout session is no longer open', 409);
    }
    session.email = form.get('email') || session.email || 'buyer@example.com';
    if (form.get('action') === 'later') {
      markPending(state, session);
      await sendEvent(state, 'checkout.session.completed', sessionObject(state, session.id));
      if (state.settleAfterMs > 0)
        state.later(state.settleAfterMs, () => void settle(state, session.id));
    } else {
      markPaid(state, session.id);
      await sendEvent(state, 'checkout.session.completed', sessionObject(state, session.id));
    }
    return c.body(null, 303, {
      location: session.successUrl.replace('{CHECKOUT_SESSION_ID}', session.id),
      ...NO_STORE,
    });
  });

  return pages;
}
