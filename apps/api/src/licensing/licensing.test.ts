// The licensing routes over the real app: dynalite ledger, the Stripe stand-in, the real SDK.
import { DEFAULT_EDITION, EDITIONS, type EditionId } from '@local-memory/catalog';
import {
  isLeaseBody,
  type LeaseBody,
  LICENSING_ERROR_CODES,
  readError,
} from '@local-memory/contract';
import { generateLicenseKey } from '@local-memory/download-keys';
import {
  LEASE_IMPLICIT,
  LEASE_SECONDS,
  machineId,
  verifyLease,
  verifyV4Public,
} from '@local-memory/download-keys/lease';
import { describe, expect, it } from 'vitest';
import type { LimitRule } from '../ledger/limits.js';
import { TEST_DOWNLOAD_SECRET, useHarness } from '../testing/harness.js';
import { activationLimitOf } from './config.js';
import { REVOCATION_LIST_SECONDS } from './revocations.js';

const h = useHarness({
  // The testkit's proxy gives dynalite `TransactWriteItems` and keeps each transaction's items to
  // itself while it runs (transactProxy.ts: requests wait by item). 50 concurrent activations of
  // one license all write that license's record, so they still take turns on it: where DynamoDB
  // would cancel the conflicting transactions and the SDK retry them, here the 50th waits behind
  // the 49 before it. On a loaded machine (load average 10 on 2 cores, measured) that line outlasts
  // the production 2 s per-request deadline and 11 to 12 of the 50 answer 503. The deadline is a
  // policy the composition root passes; here it is long enough that the test measures the limit,
  // not the load.
  env: { LEDGER_TIMEOUT_MS: '60000' },
  services: {
    licenseLimitRules: {
      perKey: { name: 'lk', limit: 1000, windowMs: 3_600_000 },
      perClient: { name: 'lc', limit: 1000, windowMs: 3_600_000 },
    },
  },
});

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

let machines = 0;
const newMachine = () => machineId(`test-machine-${process.pid}-${machines++}`);

/** A paid purchase fulfilled through the webhook: its license key. */
async function purchase(): Promise<{ sessionId: string; licenseKey: string }> {
  const session = h.standin.createSession();
  const res = await h.deliver('checkout.session.completed', h.standin.sessionObject(session.id));
  expect(res.status).toBe(200);
  return {
    sessionId: session.id,
    licenseKey: generateLicenseKey(session.id, TEST_DOWNLOAD_SECRET),
  };
}

const activate = (licenseKey: string, machine: string, clientIp?: string, name = 'Laptop') =>
  h.request(
    '/api/licenses/activate',
    json({ licenseKey, machine, name, platform: 'linux', appVersion: '1.4.2' }),
    clientIp,
  );

async function publishedKeyset(): Promise<Record<string, Uint8Array>> {
  const res = await h.request('/.well-known/local-memory/keys');
  expect(res.status).toBe(200);
  // Public and cacheable: its own header, not the API's no-store.
  expect(res.headers.get('cache-control')).toBe('public, max-age=300');
  const body = (await res.json()) as { current: string; keys: Record<string, string> };
  expect(body.current).toBe('test-lease-1');
  return Object.fromEntries(
    Object.entries(body.keys).map(([kid, hex]) => [kid, Uint8Array.from(Buffer.from(hex, 'hex'))]),
  );
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The code of a licensing refusal, read through the contract (rate limits are fulfilment's). */
function licensingCode(body: unknown): string | undefined {
  const error = readError(body, [...LICENSING_ERROR_CODES, 'rate_limited']);
  expect(error, JSON.stringify(body)).not.toBeNull();
  return error?.code;
}

describe('POST /api/licenses/activate', () => {
  it('answers 201 with a lease that verifies with the published key and carries the claims', async () => {
    const { licenseKey } = await purchase();
    const machine = newMachine();
    const res = await activate(licenseKey, machine);
    expect(res.status).toBe(201);
    const answer: unknown = await res.json();
    expect(isLeaseBody(answer), JSON.stringify(answer)).toBe(true);
    const body = answer as LeaseBody;
    expect(body.activation).toMatchObject({ machine, name: 'Laptop', platform: 'linux' });
    const claims = verifyLease(body.lease, await publishedKeyset(), {
      now: nowSeconds(),
      implicit: LEASE_IMPLICIT,
    });
    expect(claims).toMatchObject({ v: 1, edn: 'standard', max: 3, mid: machine, upd: null });
    expect(claims.sub).toMatch(/^lic_[A-Za-z0-9_-]{22}$/);
    expect(claims.exp - claims.iat).toBe(LEASE_SECONDS);
    expect(body.lease).not.toContain('cs_test');
  });

  it("writes each edition's license from the price paid: its edition, entitlements and limit in the lease", async () => {
    for (const edition of Object.values(EDITIONS)) {
      const session = h.standin.createSession({
        priceId: h.config.editionPrices[edition.id as EditionId],
      });
      const paid = await h.deliver(
        'checkout.session.completed',
        h.standin.sessionObject(session.id),
      );
      expect(paid.status).toBe(200);
      const res = await activate(
        generateLicenseKey(session.id, TEST_DOWNLOAD_SECRET),
        newMachine(),
      );
      expect(res.status, edition.id).toBe(201);
      const { lease } = (await res.json()) as { lease: string };
      const claims = verifyLease(lease, await publishedKeyset(), {
        now: nowSeconds(),
        implicit: LEASE_IMPLICIT,
      });
      expect(claims, edition.id).toMatchObject({
        edn: edition.id,
        ent: [...edition.entitlements],
        max: activationLimitOf(h.config.licensing, edition.id as EditionId),
        upd: edition.updatesForSeconds === null ? null : expect.any(Number),
      });
    }
  });

  it('holds the limit under 50 concurrent activations: exactly 3 × 201 and 47 × 403 activation_limit', async () => {
    const { licenseKey } = await purchase();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => activate(licenseKey, newMachine())),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 403)).toHaveLength(47);
    const refused = answers.find((r) => r.status === 403) as Response;
    const body = (await refused.json()) as {
      error: {
        code: string;
        limit: number;
        machines: { name: string; platform: string; lastSeen: number }[];
      };
    };
    expect(body.error.code).toBe('activation_limit');
    expect(body.error.limit).toBe(3);
    expect(body.error.machines).toHaveLength(3);
    expect(body.error.machines[0]).toMatchObject({ name: 'Laptop', platform: 'linux' });
  });

  it('gives the same machine its activation back 10 times without taking a second seat', async () => {
    const { licenseKey } = await purchase();
    const machine = newMachine();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => activate(licenseKey, machine)),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(9);
    const ids = new Set(
      await Promise.all(
        answers.map(
          async (r) => ((await r.json()) as { activation: { id: string } }).activation.id,
        ),
      ),
    );
    expect(ids.size).toBe(1);
    // Two more machines still fit: the reinstall used no seat.
    expect((await activate(licenseKey, newMachine())).status).toBe(201);
    expect((await activate(licenseKey, newMachine())).status).toBe(201);
    expect((await activate(licenseKey, newMachine())).status).toBe(403);
  });

  it('frees a seat on deactivate, and the fourth machine then activates', async () => {
    const { licenseKey } = await purchase();
    const first = newMachine();
    for (const machine of [first, newMachine(), newMachine()]) {
      expect((await activate(licenseKey, machine)).status).toBe(201);
    }
    const fourth = newMachine();
    expect((await activate(licenseKey, fourth)).status).toBe(403);
    const off = await h.request('/api/licenses/deactivate', json({ licenseKey, machine: first }));
    expect(off.status).toBe(200);
    const again = await h.request('/api/licenses/deactivate', json({ licenseKey, machine: first }));
    expect(again.status).toBe(404);
    expect(licensingCode(await again.json())).toBe('activation_not_found');
    expect((await activate(licenseKey, fourth)).status).toBe(201);
  });

  it('answers 404 for a well-formed key without a license and 400 for a malformed one', async () => {
    const unknown = generateLicenseKey('cs_test_neverSoldAnywhere', TEST_DOWNLOAD_SECRET);
    const res = await activate(unknown, newMachine());
    expect(res.status).toBe(404);
    expect(licensingCode(await res.json())).toBe('license_not_found');
    const bad = await activate('LM-0000', newMachine());
    expect(bad.status).toBe(400);
    expect(licensingCode(await bad.json())).toBe('invalid_license_key');
    const noMachine = await h.request('/api/licenses/activate', json({ licenseKey: unknown }));
    expect(licensingCode(await noMachine.json())).toBe('invalid_request');
  });

  it('answers 429 once a client address used its requests', async () => {
    const { licenseKey } = await purchase();
    const rules = h.services.licenseLimitRules as { perClient: LimitRule };
    const shared = rules.perClient;
    rules.perClient = { name: 'lc-small', limit: 2, windowMs: 3_600_000 };
    const client = '198.51.100.77';
    let res: Response;
    try {
      for (let i = 0; i < 2; i++) await activate(licenseKey, newMachine(), client);
      res = await activate(licenseKey, newMachine(), client);
      expect((await activate(licenseKey, newMachine(), '198.51.100.78')).status).not.toBe(429);
    } finally {
      rules.perClient = shared;
    }
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(licensingCode(await res.json())).toBe('rate_limited');
  });
});

describe('refresh and revocation', () => {
  it('refreshes a lease; after a refund, refresh and activate answer 410 revoked and the signed list names the license', async () => {
    const { sessionId, licenseKey } = await purchase();
    const machine = newMachine();
    const { lease } = (await (await activate(licenseKey, machine)).json()) as { lease: string };
    const keyset = await publishedKeyset();
    const sub = verifyLease(lease, keyset, { now: nowSeconds(), implicit: LEASE_IMPLICIT }).sub;

    const fresh = await h.request('/api/licenses/refresh', json({ lease }));
    expect(fresh.status).toBe(200);
    const renewed = ((await fresh.json()) as { lease: string }).lease;
    expect(
      verifyLease(renewed, keyset, { now: nowSeconds(), implicit: LEASE_IMPLICIT }),
    ).toMatchObject({
      sub,
      mid: machine,
    });

    expect(await h.standin.refund(sessionId)).toBe(0); // no webhook URL: deliver it ourselves
    const session = h.standin.sessions.get(sessionId);
    const refunded = await h.deliver('charge.refunded', h.standin.chargeObject(session as never));
    expect(refunded.status).toBe(200);

    const refused = await h.request('/api/licenses/refresh', json({ lease }));
    expect(refused.status).toBe(410);
    expect(licensingCode(await refused.json())).toBe('revoked');
    expect((await activate(licenseKey, newMachine())).status).toBe(410);

    const list = await h.request('/.well-known/local-memory/revocations');
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe(`public, max-age=${REVOCATION_LIST_SECONDS}`);
    const token = await list.text();
    const { payload } = verifyV4Public(token, keyset['test-lease-1'] as Uint8Array, {
      implicit: LEASE_IMPLICIT,
      footer: '{"kid":"test-lease-1"}',
    });
    const body = JSON.parse(Buffer.from(payload).toString('utf8')) as {
      iat: number;
      next: number;
      revoked: string[];
    };
    expect(body.revoked).toContain(sub);
    expect(body.next).toBeGreaterThan(body.iat);
  });

  it('answers 410 deactivated for the lease of a deactivated machine, and 400 for a forged lease', async () => {
    const { licenseKey } = await purchase();
    const machine = newMachine();
    const { lease } = (await (await activate(licenseKey, machine)).json()) as { lease: string };
    expect(
      (await h.request('/api/licenses/deactivate', json({ licenseKey, machine }))).status,
    ).toBe(200);
    const res = await h.request('/api/licenses/refresh', json({ lease }));
    expect(res.status).toBe(410);
    expect(licensingCode(await res.json())).toBe('deactivated');

    const [head, body, footer] = [
      lease.slice(0, 10),
      lease.slice(10, lease.lastIndexOf('.')),
      lease.slice(lease.lastIndexOf('.')),
    ];
    const flipped = `${head}${body.slice(0, 5)}${body[5] === 'A' ? 'B' : 'A'}${body.slice(6)}${footer}`;
    const forged = await h.request('/api/licenses/refresh', json({ lease: flipped }));
    expect(forged.status).toBe(400);
    expect(licensingCode(await forged.json())).toBe('invalid_lease');
  });

  it('revokes a dispute too, and a refund that arrives before the license keeps it revoked', async () => {
    const session = h.standin.createSession();
    const licenseKey = generateLicenseKey(session.id, TEST_DOWNLOAD_SECRET);
    // The refund is recorded before any fulfilment wrote the license.
    await h.services.fulfilment.recordRefund(
      session.paymentIntentId as string,
      'dispute',
      'evt_test',
    );
    await h.services.licensing.issueForSession(session.id, DEFAULT_EDITION);
    expect((await activate(licenseKey, newMachine())).status).toBe(410);
  });
});
