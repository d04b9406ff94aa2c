/**
 * Test controls (not Stripe), for suites that run the stand-in in another process:
 * `POST /_standin/sessions` (JSON fields of a session), `POST /_standin/sessions/:id/{settle,
 * refund,dispute}` (sends the event; answers the session and the webhook's status) and
 * `GET /_standin/deliveries`.
 * @module
 */
import { Hono } from 'hono';
import { sessionObject } from './objects.js';
import { noSuchSession, send, stripeError } from './respond.js';
import { createSession, type StandinState } from './state.js';
import type { StandinSession } from './types.js';
import { dispute, refund, settle } from './webhooks.js';

const ACTIONS = { settle, refund, dispute } as const;

/** The `/_standin` routes over `state`. */
export function controls(state: StandinState): Hono {
  const control = new Hono();

  control.post('/sessions', async (c) => {
    const text = await c.req.text();
    let fields: Partial<StandinSession>;
    try {
      fields = (text ? JSON.parse(text) : {}) as Partial<StandinSession>;
    } catch {
      return stripeError(
        c,
        400,
        'invalid_request_error',
        'stand-in: POST /_standin/sessions takes a JSON object of session fields',
      );
    }
    const session = createSession(state, fields);
    return send(c, 200, sessionObject(state, session.id));
  });

  control.post('/sessions/:id/:action{settle|refund|dispute}', async (c) => {
    const id = c.req.param('id');
    if (!state.sessions.has(id)) return noSuchSession(c, id);
    const run = ACTIONS[c.req.param('action') as keyof typeof ACTIONS];
    const webhookStatus = await run(state, id);
    return send(c, 200, { session: sessionObject(state, id), webhookStatus });
  });

  control.get('/deliveries', (c) => send(c, 200, state.deliveries));

  control.all('*', (c) =>
    stripeError(
      c,
      404,
      'invalid_request_error',
      `stand-in: no control ${c.req.method} ${c.req.path}; the controls are POST /_standin/sessions, POST /_standin/sessions/:id/{settle,refund,dispute} and GET /_standin/deliveries`,
    ),
  );
  return control;
}
