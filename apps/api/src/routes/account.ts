/**
 * `/api/account`: ask for a sign-in link, sign in with it, read the signed-in address's
 * purchases, release a machine, sign out (docs: the account contract). Validators at the edge;
 * the work is in `account/`; refusals go through the one `onError`. Every POST must come from
 * the storefront itself (`Origin`, else `Sec-Fetch-Site: same-origin`): the session cookie is
 * `SameSite=Strict` too, but the link request carries no cookie at all.
 * @module
 */
import type { AcceptedBody, AccountBody, ReleaseBody, SessionBody } from '@local-memory/contract';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type Account, accountNotConfigured } from '../account/account.js';
import { AccountError } from '../account/errors.js';
import { SESSION_ABSOLUTE_SECONDS } from '../account/sessions.js';
import { maskEmail } from '../fulfilment/errors.js';
import type { LimitRule } from '../ledger/limits.js';
import type { Services } from '../services.js';
import type { Dispatch } from '../tasks/tasks.js';
import type { AppEnv } from './types.js';

/** The session cookie's name. */
export const ACCOUNT_COOKIE = 'lm_account';
const COOKIE_PATH = '/api/account';

const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,255}\.[^\s@<>]{2,63}$/;
const MACHINE = /^[A-Za-z0-9_-]{22}$/;
const LICENSE_ID = /^lic_[A-Za-z0-9_-]{22}$/;

type AccountEnv = AppEnv & { Variables: { account: Account } };

const invalid = (message: string) => new AccountError('invalid_request', message);

/** Refuse every write that does not come from the storefront's own pages. */
function sameOriginWrites(siteUrl: string): MiddlewareHandler<AccountEnv> {
  const site = new URL(siteUrl).origin;
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      const fetchSite = c.req.header('sec-fetch-site');
      const sameOrigin =
        (origin === undefined ? fetchSite === 'same-origin' : origin === site) &&
        (fetchSite === undefined || fetchSite === 'same-origin');
      if (!sameOrigin) {
        c.var.log.info('cross-site account request refused', { path: c.req.path });
        throw new AccountError(
          'cross_site',
          `This can only be done from ${site}/account; open the page there`,
        );
      }
    }
    await next();
  };
}

/** The JSON object of the body, or invalid_request naming what to send. */
async function jsonObject(c: Context, example: string): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  let value: unknown = null;
  if (type === 'application/json') value = await c.req.json().catch(() => null);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`Send ${example} as application/json`);
  }
  return value as Record<string, unknown>;
}

const smallBody = bodyLimit({
  maxSize: 4096,
  onError: () => {
    throw invalid('The request body is too large; send only the documented fields');
  },
});

async function take(services: Services, rule: LimitRule, key: string): Promise<void> {
  const limit = await services.limits.take(rule, key);
  if (!limit.ok) {
    throw new AccountError('rate_limited', 'Too many requests; wait a while and try again', {
      retryAfter: limit.retryAfter,
    });
  }
}

/** The account resource. */
export function accountRoutes(services: Services, dispatch: Dispatch) {
  const rules = services.limitRules;
  const sessionOf = (c: Context<AccountEnv>) =>
    c.var.account.authenticate(getCookie(c, ACCOUNT_COOKIE));
  return new Hono<AccountEnv>()
    .use(async (c, next) => {
      if (services.account === undefined) throw accountNotConfigured();
      c.set('account', services.account);
      await next();
    })
    .use(sameOriginWrites(services.config.siteUrl))
    .post('/link', smallBody, async (c) => {
      const body = await jsonObject(c, '{ "email": "you@example.com" }');
      const email = body.email;
      if (typeof email !== 'string' || email.length > 320 || !EMAIL.test(email.trim())) {
        throw invalid('Send { "email": "you@example.com" } with the address you paid with');
      }
      const address = email.trim().toLowerCase();
      await take(services, rules.accountLinkPerClient, c.var.clientIp);
      await take(services, rules.accountLinkPerAddress, address);
      // Buyer or stranger, the same answer after the same work: the lookup and the mail run in
      // a task, after the answer.
      await dispatch({ kind: 'account-link', email: address });
      c.var.log.info('account link requested', { to: maskEmail(address) });
      return c.json({ status: 'accepted' } satisfies AcceptedBody, 202);
    })
    .post('/session', smallBody, async (c) => {
      const body = await jsonObject(
        c,
        '{ "link": "…" } (the part after #link= of the emailed link)',
      );
      if (typeof body.link !== 'string' || body.link.length === 0 || body.link.length > 200) {
        throw invalid('Send { "link": "…" }: the part after #link= of the link we emailed you');
      }
      await take(services, rules.accountSessionPerClient, c.var.clientIp);
      const { id, session } = await c.var.account.signIn(body.link);
      setCookie(c, ACCOUNT_COOKIE, id, {
        httpOnly: true,
        secure: true,
        sameSite: 'Strict',
        path: COOKIE_PATH,
        maxAge: SESSION_ABSOLUTE_SECONDS,
      });
      return c.json({ email: session.email, expiresAt: session.expiresAt } satisfies SessionBody);
    })
    .get('/', async (c) => {
      const session = await sessionOf(c);
      // Each answer asks Stripe: the purchase lookups' per-client limit protects its rate limit.
      await take(services, rules.lookupPerClient, c.var.clientIp);
      const purchases = await c.var.account.purchases(session.email);
      return c.json({ email: session.email, purchases } satisfies AccountBody);
    })
    .post('/machines/release', smallBody, async (c) => {
      const body = await jsonObject(c, '{ "licenseId": "lic_…", "machine": "…" }');
      const { licenseId, machine } = body;
      if (typeof licenseId !== 'string' || !LICENSE_ID.test(licenseId)) {
        throw invalid('licenseId must be the license id shown with the machine (lic_…)');
      }
      if (typeof machine !== 'string' || !MACHINE.test(machine)) {
        throw invalid('machine must be the machine id shown on the page (22 characters)');
      }
      const session = await sessionOf(c);
      await take(services, rules.accountReleasePerClient, c.var.clientIp);
      const purchase = await c.var.account.release(session.email, licenseId, machine);
      return c.json({ purchase } satisfies ReleaseBody);
    })
    .post('/signout', async (c) => {
      await c.var.account.signOut(getCookie(c, ACCOUNT_COOKIE));
      deleteCookie(c, ACCOUNT_COOKIE, {
        httpOnly: true,
        secure: true,
        sameSite: 'Strict',
        path: COOKIE_PATH,
      });
      return c.body(null, 204);
    });
}
