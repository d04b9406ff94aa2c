import { PURCHASE_LOOKUP_ERROR_CODES } from '@local-memory/contract';
import { describe, expect, it } from 'vitest';
import { fetchPurchase, requestResend } from './purchaseApi';

const SESSION = 'cs_test_a1PurchaseApiContract0123456789';
const PURCHASE = {
  sessionId: SESSION,
  licenseKey: 'LM-EB2B-6DAD-E6BB-93FE-C9D2',
  activationCommand: "local-memory license activate 'LM-EB2B-6DAD-E6BB-93FE-C9D2' --accept-terms",
  amount: 4900,
  currency: 'usd',
  createdAt: 1_756_027_800,
  email: null,
  refunded: false,
  downloads: [{ platform: 'linux', filename: 'l.zip', url: `/api/downloads/${SESSION}/linux` }],
};

/** The network answering once with `response`. */
const answering = (response: Response) => ({ fetch: async () => response.clone() });
const apiError = (status: number, code: string, headers: Record<string, string> = {}) =>
  Response.json({ error: { code, message: `the API says ${code}` } }, { status, headers });
const kindOf = async (response: Response) =>
  (await fetchPurchase(SESSION, answering(response))).kind;

// The codes behind each outcome, written out here (not read from the module under test), so a
// changed mapping fails; a code of the contract missing here fails too.
const CODES_OF: Readonly<Record<string, readonly string[]>> = {
  pending: ['payment_pending'],
  refunded: ['refunded'],
  'not-found': ['not_found'],
  invalid: ['invalid_session_id', 'bad_request'],
  'wrong-product': ['wrong_product'],
  unreachable: ['upstream_unavailable', 'rate_limited', 'internal_error'],
  unexpected: ['origin_not_verified'],
};
const expectedKind = (code: string) =>
  Object.entries(CODES_OF).find(([, codes]) => codes.includes(code))?.[0];

describe('fetchPurchase reads the contract', () => {
  it('answers a paid purchase', async () => {
    expect(await fetchPurchase(SESSION, answering(Response.json(PURCHASE)))).toEqual({
      kind: 'paid',
      purchase: PURCHASE,
    });
  });

  it.each(PURCHASE_LOOKUP_ERROR_CODES.map((code) => [code, expectedKind(code)]))(
    'maps the code %s to %s, whatever the status',
    async (code, kind) => {
      // The same code under another status decides the same: the code, never the status.
      expect(await kindOf(apiError(409, code))).toBe(kind);
      expect(await kindOf(apiError(403, code))).toBe(kind);
    },
  );

  it('keeps the Retry-After of a pending payment', async () => {
    expect(
      await fetchPurchase(
        SESSION,
        answering(apiError(409, 'payment_pending', { 'retry-after': '7' })),
      ),
    ).toEqual({ kind: 'pending', retryAfterSeconds: 7 });
  });

  it.each([
    ["a CDN's 403 page", new Response('<html>403 Forbidden</html>', { status: 403 })],
    ['a 409 without a body', new Response(null, { status: 409 })],
    [
      'a 404 JSON that is not the error body',
      Response.json({ message: 'Not Found' }, { status: 404 }),
    ],
    ["another route's code", apiError(410, 'link_used')],
  ])('reads %s as an unexpected answer, never a refusal', async (_name, response) => {
    expect(await kindOf(response)).toBe('unexpected');
  });

  it.each([
    ["a gateway's 502 page", new Response('<html>Bad gateway</html>', { status: 502 })],
    ['a 200 that is not a purchase', Response.json({ ...PURCHASE, licenseKey: '' })],
  ])('reads %s as an unreachable API', async (_name, response) => {
    expect(await kindOf(response)).toBe('unreachable');
  });

  it('reads a network failure as unreachable', async () => {
    const failing = {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    };
    expect(await fetchPurchase(SESSION, failing)).toEqual({ kind: 'unreachable' });
  });
});

describe('requestResend reads the contract', () => {
  it.each([
    ['the accepted body', 'accepted', Response.json({ status: 'accepted' }, { status: 202 })],
    ['rate_limited', 'rate-limited', apiError(429, 'rate_limited')],
    ['a 200 page from a proxy', 'unreachable', new Response('<html>ok</html>')],
    ['a 429 page from a proxy', 'unreachable', new Response('<html>slow</html>', { status: 429 })],
  ])('%s → %s', async (_name, outcome, response) => {
    expect(await requestResend('jane@example.com', answering(response))).toBe(outcome);
  });
});
