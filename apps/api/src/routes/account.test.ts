// The account routes over the real app: dynalite ledger, the Stripe stand-in reached by the real
// SDK, the SMTP mailbox, and a clock the tests move.
import { DEFAULT_EDITION } from '@local-memory/catalog';
import {
  ACCOUNT_ERROR_CODES,
  isAcceptedBody,
  isAccountBody,
  isReleaseBody,
  isSessionBody,
  REQUEST_ERROR_CODES,
  readError,
} from '@local-memory/contract';
import { generateLicenseKey } from '@local-memory/download-keys';
import { machineId } from '@local-memory/download-keys/lease';
import { describe, expect, it } from 'vitest';
import { RELEASE_WINDOW_SECONDS } from '../account/releases.js';
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from '../account/sessions.js';
import { createApp } from '../app.js';
import { createLogger, createServices } from '../services.js';
import {
  startHarness,
  TEST_DOWNLOAD_SECRET,
  TEST_SITE_URL,
  useHarness,
} from '../testing/harness.js';

const TEST_LINK_SECRET = 'TEST-ONLY-account-link-secret-for-the-api-harness-000';

let clock = Date.now();
const h = useHarness({
  env: { ACCOUNT_LINK_SECRET: TEST_LINK_SECRET },
  services: {
    now: () => clock,
    limitRules: {
      accountLinkPerAddress: { name: 'account-link-address', limit: 3, windowMs: 3_600_000 },
    },
    licenseLimitRules: {
      perKey: { name: 'lk', limit: 1000, windowMs: 3_600_000 },
      perClient: { name: 'lc', limit: 1000, windowMs: 3_600_000 },
    },
  },
});

const SITE = new URL(TEST_SITE_URL).origin;
const minutes = (n: number) => n * 60_000;

let addresses = 0;
const newAddress = (what: string) => `${what}-${process.pid}-${addresses++}@example.com`;
let machines = 0;
const newMachine = () => machineId(`account-test-machine-${process.pid}-${machines++}`);
let clients = 0;
/** A fresh client address per test, so per-client limits never couple tests. */
const newClient = () => `198.51.100.${(clients++ % 250) + 1}`;

/** A POST as the storefront's page sends it (same origin, JSON). */
function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  clientIp?: string,
): Promise<Response> {
  return h.request(
    `/api/account${path}`,
    {
      method: 'POST',
      headers: {
        origin: SITE,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
    clientIp,
  );
}

const withCookie = (id: string) => ({ cookie: `lm_account=${id}` });

/** The error of an answer, read through the contract: fails when the body is not its error. */
async function errorOf(response: Response) {
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body: unknown = await response.json();
  const error = readError(body, [...ACCOUNT_ERROR_CODES, ...REQUEST_ERROR_CODES]);
  expect(error, JSON.stringify(body)).not.toBeNull();
  return error as NonNullable<typeof error>;
}

/** A paid purchase by `email`, with its license record written (as fulfilment does). */
async function buy(email: string) {
  const session = h.standin.createSession({ email });
  await h.services.licensing.issueForSession(session.id, DEFAULT_EDITION);
  return { session, licenseKey: generateLicenseKey(session.id, TEST_DOWNLOAD_SECRET) };
}

const mailsTo = (email: string) => h.mailbox.mails().filter((m) => m.to === email);

/** Ask for a link and read it from the mail: the token after `#link=`. */
async function linkFor(email: string): Promise<string> {
  const before = mailsTo(email).length;
  const response = await post('/link', { email }, {}, newClient());
  expect(response.status).toBe(202);
  expect(isAcceptedBody(await response.json())).toBe(true);
  await h.tasksDone();
  const mails = mailsTo(email);
  expect(mails).toHaveLength(before + 1);
  const text = mails.at(-1)?.text ?? '';
  const match = text.match(/\/account#link=([A-Za-z0-9._%-]+)/);
  expect(match, text).not.toBeNull();
  return decodeURIComponent(match?.[1] as string);
}

/** The session cookie's value from a response. */
function cookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = header.match(/^lm_account=([^;]*)/);
  expect(match, header).not.toBeNull();
  return match?.[1] as string;
}

/** Sign in as `email` (who must have bought): the session id. */
async function signIn(email: string): Promise<string> {
  const response = await post('/session', { link: await linkFor(email) }, {}, newClient());
  expect(response.status).toBe(200);
  expect(isSessionBody(await response.clone().json())).toBe(true);
  return cookieOf(response);
}

type Purchase = {
  sessionId: string;
  status: string;
  licenseKey?: string;
  receiptUrl: string | null;
  license?: {
    licenseId: string;
    max: number;
    used: number;
    releasesLeft: number;
    machines: { machine: string }[];
  } | null;
};

async function purchasesOf(id: string): Promise<{ email: string; purchases: Purchase[] }> {
  const response = await h.request('/api/account', { headers: withCookie(id) });
  expect(response.status).toBe(200);
  const body: unknown = await response.json();
  expect(isAccountBody(body), JSON.stringify(body)).toBe(true);
  return body as { email: string; purchases: Purchase[] };
}

const activate = (licenseKey: string, machine: string) =>
  h.request('/api/licenses/activate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      licenseKey,
      machine,
      name: 'Laptop',
      platform: 'linux',
      appVersion: '1.4.2',
    }),
  });

describe('POST /api/account/link', () => {
  it('answers a buyer and a stranger alike, and mails only the buyer', async () => {
    const buyer = newAddress('buyer');
    const stranger = newAddress('stranger');
    await buy(buyer);
    const answers = [];
    for (const email of [buyer, stranger]) {
      const response = await post('/link', { email }, {}, newClient());
      answers.push({
        status: response.status,
        body: await response.text(),
        cookie: response.headers.get('set-cookie'),
        type: response.headers.get('content-type'),
      });
    }
    expect(answers[0]).toEqual({
      status: 202,
      body: '{"status":"accepted"}',
      cookie: null,
      type: 'application/json',
    });
    expect(answers[1]).toEqual(answers[0]);
    await h.tasksDone();
    expect(mailsTo(stranger)).toEqual([]);
    const [mail] = mailsTo(buyer);
    expect(mail?.subject).toBe('Your Local Memory sign-in link');
    for (const part of [mail?.text ?? '', mail?.html ?? '']) {
      expect(part).toMatch(
        /https:\/\/shop\.test\.invalid\/account#link=[A-Za-z0-9_-]{22}\.\d+\.[A-Za-z0-9_-]{43}/,
      );
      expect(part).toContain('15 minutes');
    }
  });

  it('mails no link for an address whose only purchase was refunded', async () => {
    const email = newAddress('refunded-only');
    const { session } = await buy(email);
    await h.standin.refund(session.id);
    expect((await post('/link', { email }, {}, newClient())).status).toBe(202);
    await h.tasksDone();
    expect(mailsTo(email)).toEqual([]);
  });

  it('refuses a malformed address or body with invalid_request', async () => {
    for (const body of [{ email: 'not-an-address' }, { email: 42 }, {}, [1]]) {
      const response = await post('/link', body, {}, newClient());
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('invalid_request');
    }
    const text = await h.request('/api/account/link', {
      method: 'POST',
      headers: { origin: SITE, 'content-type': 'text/plain' },
      body: '{"email":"a@b.co"}',
    });
    expect(text.status).toBe(400);
  });

  it('limits link requests per address, whoever asks (429 rate_limited)', async () => {
    const email = newAddress('limited');
    for (let i = 0; i < 3; i++)
      expect((await post('/link', { email }, {}, newClient())).status).toBe(202);
    const refused = await post('/link', { email }, {}, newClient());
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await errorOf(refused)).code).toBe('rate_limited');
  });
});

describe('POST /api/account/session', () => {
  it('signs in with a link: the address, the absolute end, and a strict session cookie', async () => {
    const email = newAddress('signin');
    await buy(email);
    const link = await linkFor(email);
    const response = await post('/session', { link }, {}, newClient());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      email,
      expiresAt: Math.floor(clock / 1000) + SESSION_ABSOLUTE_SECONDS,
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lm_account=[A-Za-z0-9_-]{43};/);
    const flags = cookie.split(';').map((part) => part.trim().toLowerCase());
    expect(flags).toEqual(
      expect.arrayContaining([
        'httponly',
        'secure',
        'samesite=strict',
        'path=/api/account',
        `max-age=${SESSION_ABSOLUTE_SECONDS}`,
      ]),
    );
    expect(flags).not.toContainEqual(expect.stringMatching(/^domain=/));
  });

  it('works once: the second use is 410 link_used', async () => {
    const email = newAddress('once');
    await buy(email);
    const link = await linkFor(email);
    expect((await post('/session', { link }, {}, newClient())).status).toBe(200);
    const again = await post('/session', { link }, {}, newClient());
    expect(again.status).toBe(410);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect((await errorOf(again)).code).toBe('link_used');
  });

  it('works for 15 minutes: 410 link_expired after', async () => {
    const email = newAddress('expiry');
    await buy(email);
    const start = clock;
    try {
      const early = await linkFor(email);
      clock = start + minutes(15) - 1000;
      expect((await post('/session', { link: early }, {}, newClient())).status).toBe(200);
      clock = start;
      const late = await linkFor(email);
      clock = start + minutes(15);
      const response = await post('/session', { link: late }, {}, newClient());
      expect(response.status).toBe(410);
      expect((await errorOf(response)).code).toBe('link_expired');
    } finally {
      clock = start;
    }
  });

  it('answers a link it did not sign 404 link_unknown, and a non-string 400', async () => {
    const email = newAddress('tamper');
    await buy(email);
    const link = await linkFor(email);
    const [id, expires, signature] = link.split('.') as [string, string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const forged of [
      `${flip(id)}.${expires}.${signature}`,
      `${id}.${Number(expires) + 600}.${signature}`,
      `${id}.${expires}.${flip(signature)}`,
      `${id}.${expires}`,
      'not-a-link',
    ]) {
      const response = await post('/session', { link: forged }, {}, newClient());
      expect(response.status, forged).toBe(404);
      expect((await errorOf(response)).code).toBe('link_unknown');
    }
    // The genuine link still works: the forgeries spent nothing.
    expect((await post('/session', { link }, {}, newClient())).status).toBe(200);
    const bad = await post('/session', { link: 42 }, {}, newClient());
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('invalid_request');
  });

  it('never adopts a session id the client brings, and gives a new one on every sign-in', async () => {
    const email = newAddress('fixation');
    await buy(email);
    const planted = 'A'.repeat(43);
    const first = await post(
      '/session',
      { link: await linkFor(email) },
      withCookie(planted),
      newClient(),
    );
    expect(first.status).toBe(200);
    const issued = cookieOf(first);
    expect(issued).not.toBe(planted);
    expect((await h.request('/api/account', { headers: withCookie(planted) })).status).toBe(401);
    const second = await post(
      '/session',
      { link: await linkFor(email) },
      withCookie(issued),
      newClient(),
    );
    expect(cookieOf(second)).not.toBe(issued);
  });
});

describe('GET /api/account', () => {
  it('answers 401 not_signed_in without a session', async () => {
    for (const headers of [{}, withCookie('x'), withCookie('B'.repeat(43))]) {
      const response = await h.request('/api/account', { headers });
      expect(response.status).toBe(401);
      expect((await errorOf(response)).code).toBe('not_signed_in');
    }
  });

  it("lists the address's purchases newest first: paid with key, downloads and license; refunded with nothing", async () => {
    const email = newAddress('lister');
    const older = await buy(email);
    older.session.created -= 3600;
    const newer = await buy(email);
    await h.standin.refund(older.session.id);
    const id = await signIn(email);
    const answer = await purchasesOf(id);
    expect(answer.email).toBe(email);
    expect(answer.purchases.map((p) => p.sessionId)).toEqual([newer.session.id, older.session.id]);
    const [paid, refunded] = answer.purchases;
    expect(paid).toEqual({
      sessionId: newer.session.id,
      createdAt: newer.session.created,
      amount: 4900,
      currency: 'usd',
      status: 'paid',
      receiptUrl: `${h.standin.origin}/receipts/${newer.session.chargeId}`,
      licenseKey: newer.licenseKey,
      activationCommand: `local-memory license activate '${newer.licenseKey}' --accept-terms`,
      downloads: ['macos', 'windows', 'linux', 'universal'].map((platform) => ({
        platform,
        label: expect.any(String),
        href: `/api/downloads/${newer.session.id}/${platform}`,
      })),
      license: {
        licenseId: expect.stringMatching(/^lic_[A-Za-z0-9_-]{22}$/),
        max: 3,
        used: 0,
        releasesLeft: 3,
        machines: [],
      },
    });
    expect(refunded).toEqual({
      sessionId: older.session.id,
      createdAt: older.session.created,
      amount: 4900,
      currency: 'usd',
      status: 'refunded',
      receiptUrl: `${h.standin.origin}/receipts/${older.session.chargeId}`,
    });
    // The receipt link is one Stripe (here: the stand-in) serves.
    expect((await fetch(paid?.receiptUrl as string)).status).toBe(200);
  });

  it('never shows one address the purchases of another', async () => {
    const alice = newAddress('alice');
    const bob = newAddress('bob');
    const alices = await buy(alice);
    await buy(bob);
    const listed = await purchasesOf(await signIn(bob));
    expect(listed.email).toBe(bob);
    expect(listed.purchases).toHaveLength(1);
    expect(listed.purchases.map((p) => p.sessionId)).not.toContain(alices.session.id);
    expect(JSON.stringify(listed)).not.toContain(alices.licenseKey);
  });

  it('limits lookups per client address across instances (429 rate_limited): the count lives in the ledger', async () => {
    const email = newAddress('looker');
    await buy(email);
    const id = await signIn(email);
    // Two API instances over the same ledger table, as two Lambdas are, with a small lookup limit.
    const lookupPerClient = { name: `account-lookup-${process.pid}`, limit: 3, windowMs: 600_000 };
    const instances = [0, 1].map(() => {
      const services = createServices(h.config, {
        logger: createLogger('SILENT'),
        now: () => clock,
        limitRules: { lookupPerClient },
      });
      const app = createApp(services, {
        clientIp: (c) => c.req.header('x-test-client-ip'),
        dispatch: () => Promise.reject(new Error('GET /api/account dispatches no task')),
      });
      return { services, app };
    });
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const client = newClient();
    const get = (instance: typeof a, clientIp = client) =>
      instance.app.request('/api/account', {
        headers: { ...withCookie(id), 'x-test-client-ip': clientIp },
      });
    try {
      expect((await get(a)).status).toBe(200);
      expect((await get(b)).status).toBe(200);
      expect((await get(a)).status).toBe(200);
      const asked = h.standin.requestCount();
      for (const instance of [b, a]) {
        const refused = await get(instance);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await errorOf(refused)).code).toBe('rate_limited');
      }
      // Refused lookups spend nothing of Stripe's rate limit.
      expect(h.standin.requestCount()).toBe(asked);
      // Another client address has its own count; the window's end frees this one.
      expect((await get(b, newClient())).status).toBe(200);
      clock += lookupPerClient.windowMs;
      expect((await get(a)).status).toBe(200);
    } finally {
      for (const { services } of instances) services.close();
    }
  });

  it('answers 503 unavailable while Stripe is down', async () => {
    const email = newAddress('outage');
    await buy(email);
    const id = await signIn(email);
    h.standin.fault.mode = 'error';
    const response = await h.request('/api/account', { headers: withCookie(id) });
    expect(response.status).toBe(503);
    expect((await errorOf(response)).code).toBe('unavailable');
  });
});

describe('session lifetime', () => {
  it('ends 30 minutes after the last request, and each request slides it', async () => {
    const email = newAddress('idle');
    await buy(email);
    const start = clock;
    try {
      const id = await signIn(email);
      clock = start + minutes(29);
      await purchasesOf(id);
      clock = start + minutes(58);
      await purchasesOf(id);
      clock = start + minutes(58) + SESSION_IDLE_SECONDS * 1000;
      const response = await h.request('/api/account', { headers: withCookie(id) });
      expect(response.status).toBe(401);
      expect((await errorOf(response)).code).toBe('not_signed_in');
    } finally {
      clock = start;
    }
  });

  it('ends 12 hours after sign-in however busy it is', async () => {
    const email = newAddress('absolute');
    await buy(email);
    const start = clock;
    try {
      const id = await signIn(email);
      for (let at = minutes(25); at < SESSION_ABSOLUTE_SECONDS * 1000; at += minutes(25)) {
        clock = start + at;
        expect((await h.request('/api/account', { headers: withCookie(id) })).status).toBe(200);
      }
      clock = start + SESSION_ABSOLUTE_SECONDS * 1000;
      expect((await h.request('/api/account', { headers: withCookie(id) })).status).toBe(401);
    } finally {
      clock = start;
    }
  });

  it('signs out server-side: 204, the cookie cleared, the old cookie refused', async () => {
    const email = newAddress('signout');
    await buy(email);
    const id = await signIn(email);
    const response = await post('/signout', undefined, withCookie(id));
    expect(response.status).toBe(204);
    const cleared = (response.headers.get('set-cookie') ?? '').toLowerCase();
    expect(cleared).toMatch(/^lm_account=;/);
    expect(cleared).toContain('max-age=0');
    expect(cleared).toContain('path=/api/account');
    const after = await h.request('/api/account', { headers: withCookie(id) });
    expect(after.status).toBe(401);
  });
});

describe('cross-site writes', () => {
  it('refuses every POST from another site, or without a same-origin sign, with 403 cross_site', async () => {
    const email = newAddress('csrf');
    const { licenseKey } = await buy(email);
    const id = await signIn(email);
    const machine = newMachine();
    expect((await activate(licenseKey, machine)).status).toBe(201);
    const licenseId = (await purchasesOf(id)).purchases[0]?.license?.licenseId as string;
    const bodies: Record<string, unknown> = {
      '/link': { email },
      '/session': { link: 'x' },
      '/machines/release': { licenseId, machine },
      '/signout': undefined,
    };
    const hostile: Record<string, string | undefined>[] = [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example', 'sec-fetch-site': undefined },
      { origin: SITE, 'sec-fetch-site': 'cross-site' },
      { origin: SITE, 'sec-fetch-site': 'same-site' },
      { origin: 'null', 'sec-fetch-site': undefined },
      { origin: undefined, 'sec-fetch-site': undefined },
      { origin: undefined, 'sec-fetch-site': 'cross-site' },
    ];
    for (const [path, body] of Object.entries(bodies)) {
      for (const headers of hostile) {
        const init = new Headers({ 'content-type': 'application/json', ...withCookie(id) });
        for (const [name, value] of Object.entries(headers)) if (value) init.set(name, value);
        const response = await h.request(`/api/account${path}`, {
          method: 'POST',
          headers: init,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect((await errorOf(response)).code).toBe('cross_site');
      }
    }
    // Nothing happened: the session lives, the machine holds its seat, no link went out.
    await h.tasksDone();
    expect(mailsTo(email)).toHaveLength(1);
    const after = await purchasesOf(id);
    expect(after.purchases[0]?.license?.machines.map((m) => m.machine)).toEqual([machine]);
    // Without Origin, Sec-Fetch-Site: same-origin is the browser's word for it.
    const sameOrigin = await h.request('/api/account/link', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email: newAddress('no-origin') }),
    });
    expect(sameOrigin.status).toBe(202);
  });
});

describe('POST /api/account/machines/release', () => {
  it('frees a seat: three machines, release one, a fourth activates', async () => {
    const email = newAddress('release');
    const { licenseKey } = await buy(email);
    const id = await signIn(email);
    const held = [newMachine(), newMachine(), newMachine()];
    for (const machine of held) expect((await activate(licenseKey, machine)).status).toBe(201);
    const fourth = newMachine();
    expect((await activate(licenseKey, fourth)).status).toBe(403);
    const licenseId = (await purchasesOf(id)).purchases[0]?.license?.licenseId as string;

    const response = await post(
      '/machines/release',
      { licenseId, machine: held[1] },
      withCookie(id),
    );
    expect(response.status).toBe(200);
    const released: unknown = await response.json();
    expect(isReleaseBody(released), JSON.stringify(released)).toBe(true);
    const { purchase } = released as { purchase: Purchase };
    expect(purchase.license).toMatchObject({ licenseId, max: 3, used: 2, releasesLeft: 2 });
    expect(purchase.license?.machines.map((m) => m.machine).sort()).toEqual(
      [held[0], held[2]].sort(),
    );
    expect((await activate(licenseKey, fourth)).status).toBe(201);
    // The released machine is gone: releasing it again is not found.
    const again = await post('/machines/release', { licenseId, machine: held[1] }, withCookie(id));
    expect(again.status).toBe(404);
    expect((await errorOf(again)).code).toBe('not_found');
  });

  it("cannot release another address's machine (404 not_found, the seat kept)", async () => {
    const alice = newAddress('owner');
    const mallory = newAddress('other');
    const alices = await buy(alice);
    await buy(mallory);
    const machine = newMachine();
    expect((await activate(alices.licenseKey, machine)).status).toBe(201);
    const aliceLicense = (await purchasesOf(await signIn(alice))).purchases[0]?.license
      ?.licenseId as string;
    const malloryId = await signIn(mallory);
    const response = await post(
      '/machines/release',
      { licenseId: aliceLicense, machine },
      withCookie(malloryId),
    );
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
    const record = await h.services.licensing.activate(alices.licenseKey, {
      machine,
      name: null,
      platform: 'linux',
      appVersion: '1.4.2',
    });
    expect(record.created).toBe(false);
  });

  it('allows three releases per license in 30 days, then 429 release_limit', async () => {
    const email = newAddress('release-limit');
    const { licenseKey } = await buy(email);
    const start = clock;
    try {
      const release = async () => {
        const id = await signIn(email);
        const machine = newMachine();
        expect((await activate(licenseKey, machine)).status).toBe(201);
        const licenseId = (await purchasesOf(id)).purchases[0]?.license?.licenseId as string;
        return post('/machines/release', { licenseId, machine }, withCookie(id));
      };
      for (let i = 0; i < 3; i++) {
        clock = start + i * 86_400_000;
        expect((await release()).status).toBe(200);
      }
      const refused = await release();
      expect(refused.status).toBe(429);
      expect((await errorOf(refused)).code).toBe('release_limit');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const id = await signIn(email);
      expect((await purchasesOf(id)).purchases[0]?.license?.releasesLeft).toBe(0);
      // The window slides: 30 days after the first release, one is allowed again.
      clock = start + RELEASE_WINDOW_SECONDS * 1000 + 1000;
      expect((await release()).status).toBe(200);
    } finally {
      clock = start;
    }
  });

  it('offers nothing to release on a refunded purchase', async () => {
    const email = newAddress('refunded-release');
    const { session, licenseKey } = await buy(email);
    await buy(email); // a second, paid purchase keeps the address able to sign in
    const machine = newMachine();
    expect((await activate(licenseKey, machine)).status).toBe(201);
    const id = await signIn(email);
    const licenseId = (await purchasesOf(id)).purchases.find((p) => p.sessionId === session.id)
      ?.license?.licenseId as string;
    await h.standin.refund(session.id);
    const listed = (await purchasesOf(id)).purchases.find((p) => p.sessionId === session.id);
    expect(listed).toMatchObject({ status: 'refunded' });
    expect(listed).not.toHaveProperty('license');
    expect(listed).not.toHaveProperty('licenseKey');
    const response = await post('/machines/release', { licenseId, machine }, withCookie(id));
    expect(response.status).toBe(404);
  });

  it('refuses malformed ids with invalid_request and an absent session with 401', async () => {
    const bad = await post('/machines/release', { licenseId: 'x', machine: newMachine() });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('invalid_request');
    const anonymous = await post('/machines/release', {
      licenseId: `lic_${'a'.repeat(22)}`,
      machine: newMachine(),
    });
    expect(anonymous.status).toBe(401);
  });
});

describe('without ACCOUNT_LINK_SECRET', () => {
  it('answers every account route 503 account_not_configured', async () => {
    const off = await startHarness();
    try {
      for (const [method, path] of [
        ['GET', '/api/account'],
        ['POST', '/api/account/link'],
        ['POST', '/api/account/session'],
        ['POST', '/api/account/signout'],
      ] as const) {
        const response = await off.request(path, {
          method,
          headers: { origin: SITE, 'content-type': 'application/json' },
          ...(method === 'POST' ? { body: '{}' } : {}),
        });
        expect(response.status, path).toBe(503);
        expect((await errorOf(response)).code).toBe('account_not_configured');
      }
    } finally {
      await off.close();
    }
  });
});
