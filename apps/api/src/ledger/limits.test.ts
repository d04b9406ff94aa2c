import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createLogger, createServices, type LimitRules, type Services } from '../services.js';
import { type Harness, startHarness, TEST_SITE_URL } from '../testing/harness.js';

const ORIGIN_SECRET = 'test-only-origin-verify-secret-0123456789';
const rules: Partial<LimitRules> = {
  resendPerClient: { name: 'resend', limit: 3, windowMs: 3_600_000 },
  checkoutPerClient: { name: 'checkout', limit: 3, windowMs: 600_000 },
  lookupPerClient: { name: 'lookup', limit: 5, windowMs: 600_000 },
};

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('limits shared by every instance (two apps over one dynalite table)', () => {
  let h: Harness;
  let second: Services;
  let app2: ReturnType<typeof createApp>;
  beforeAll(async () => {
    h = await startHarness({ services: { limitRules: rules } });
    second = createServices(h.config, {
      logger: createLogger('SILENT'),
      limitRules: rules,
    });
    app2 = createApp(second, { clientIp: (c) => c.req.header('x-test-client-ip') });
  });
  afterAll(async () => {
    second.close();
    await h.close();
  });

  it('counts one client across both instances, and a refused request spends nothing', async () => {
    const ip = '198.51.100.20';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const init = post({ email: `shared${i}@example.com` }, { 'x-test-client-ip': ip });
      const response = await (i % 2 === 0 ? h.app : app2).request('/api/purchases/resend', init);
      statuses.push(response.status);
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429, 429]);
    // Refusals wrote nothing: the window's counter stops at the limit.
    const { ScanCommand } = await import('@aws-sdk/client-dynamodb');
    const { Items } = await h.services.ledger.client.send(
      new ScanCommand({ TableName: h.config.ledgerTable }),
    );
    const counters = (Items ?? []).filter((item) => item.id?.S?.startsWith('limit#resend#'));
    expect(counters.map((item) => item.hits?.N)).toEqual(['3']);
    expect(Number(counters[0]?.expiration?.N)).toBeGreaterThan(Date.now() / 1000);
  });

  it('without the origin secret, a varying CloudFront-Viewer-Address gets no extra quota', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await h.request(
        '/api/checkout',
        {
          method: 'POST',
          headers: {
            origin: TEST_SITE_URL,
            'cloudfront-viewer-address': `203.0.113.${i + 1}:4000${i}`,
          },
        },
        '192.0.2.200',
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('remembers an unknown id: a flood reaches Stripe once per id', async () => {
    const id = 'cs_test_unknownFloodId0000000000000000000000';
    const before = h.standin.requestCount();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.request(`/api/purchases/${id}`, {}, `198.51.100.${100 + (i % 4)}`),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(404));
    for (let i = 0; i < 20; i++) {
      expect((await h.request(`/api/downloads/${id}/linux`, {}, '198.51.100.120')).status).toBe(
        404,
      );
    }
    expect(h.standin.requestCount() - before).toBe(1);
  });

  it('limits the lookups one client makes Stripe answer, on both instances', async () => {
    const ip = '198.51.100.150';
    const before = h.standin.requestCount();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const id = `cs_test_randomLookup${String(i).padStart(24, '0')}`;
      const app = i % 2 === 0 ? h.app : app2;
      const response = await app.request(`/api/purchases/${id}`, {
        headers: { 'x-test-client-ip': ip },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
    expect(h.standin.requestCount() - before).toBe(5);
    // Another client is not affected.
    const other = await h.request(
      '/api/purchases/cs_test_otherClient000000000000000000',
      {},
      '1.2.3.4',
    );
    expect(other.status).toBe(404);
  });
});

describe('the origin check (ORIGIN_VERIFY_SECRET set)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: { ORIGIN_VERIFY_SECRET: ORIGIN_SECRET },
      services: { limitRules: rules },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses requests without the secret or with a wrong one (403 origin_not_verified)', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { 'x-origin-verify': `${ORIGIN_SECRET}x` },
      { 'x-origin-verify': '' },
    ]) {
      const response = await h.request('/api/time', { headers });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'origin_not_verified' } });
    }
    const through = await h.request('/api/time', { headers: { 'x-origin-verify': ORIGIN_SECRET } });
    expect(through.status).toBe(200);
  });

  it('counts the viewer CloudFront names when the secret matched', async () => {
    const checkout = (viewer: string) =>
      h.request(
        '/api/checkout',
        {
          method: 'POST',
          headers: {
            origin: TEST_SITE_URL,
            'x-origin-verify': ORIGIN_SECRET,
            'cloudfront-viewer-address': viewer,
          },
        },
        '192.0.2.250', // every request comes from the same edge server
      );
    const first: number[] = [];
    for (let i = 0; i < 4; i++) first.push((await checkout('203.0.113.60:1111')).status);
    expect(first).toEqual([200, 200, 200, 429]);
    expect((await checkout('[2001:db8::7]:2222')).status).toBe(200);
  });
});
