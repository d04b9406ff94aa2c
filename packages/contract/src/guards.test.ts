import { describe, expect, it } from 'vitest';
import { isAccountBody, isAccountPurchaseBody } from './account.js';
import { isCount, isCurrency, isDownloadPath, isRecord } from './guards.js';
import { isLeaseBody, isTimeBody } from './licenses.js';
import { isPurchaseBody } from './purchases.js';

const PURCHASE = {
  sessionId: 'cs_test_a1',
  licenseKey: 'LM-AAAA',
  activationCommand: "local-memory license activate 'LM-AAAA' --accept-terms",
  amount: 4900,
  currency: 'usd',
  createdAt: 1_700_000_000,
  email: 'j•••@example.com',
  refunded: false,
  downloads: [{ platform: 'macos', filename: 'a.zip', url: '/api/downloads/cs_test_a1/macos' }],
};

const PAID = {
  sessionId: 'cs_test_a1',
  createdAt: 1_700_000_000,
  amount: 4900,
  currency: 'usd',
  receiptUrl: 'https://pay.stripe.com/receipts/x',
  status: 'paid',
  licenseKey: 'LM-AAAA',
  activationCommand: 'local-memory license activate',
  downloads: [{ platform: 'linux', label: 'Linux', href: '/api/downloads/cs_test_a1/linux' }],
  license: {
    licenseId: 'lic_1',
    max: 3,
    used: 1,
    releasesLeft: 3,
    machines: [{ machine: 'm'.repeat(22), name: null, platform: 'linux', lastSeen: 1 }],
  },
};

describe('guards', () => {
  it('tell records, counts, currencies and download paths', () => {
    expect([isRecord({}), isRecord([]), isRecord(null)]).toEqual([true, false, false]);
    expect([isCount(0), isCount(-1), isCount(1.5)]).toEqual([true, false, false]);
    expect([isCurrency('usd'), isCurrency('us')]).toEqual([true, false]);
    expect([isDownloadPath('/api/downloads/x'), isDownloadPath('https://evil/')]).toEqual([
      true,
      false,
    ]);
  });
});

describe('isPurchaseBody', () => {
  it('accepts a paid purchase', () => expect(isPurchaseBody(PURCHASE)).toBe(true));
  it.each([
    ['a refunded flag', { refunded: true }],
    ['an empty key', { licenseKey: '' }],
    ['a download leaving the site', { downloads: [{ ...PURCHASE.downloads[0], url: '//x' }] }],
    ['a fractional amount', { amount: 49.5 }],
    ['no email member', { email: undefined }],
  ])('refuses %s', (_name, change) => {
    expect(isPurchaseBody({ ...PURCHASE, ...change })).toBe(false);
  });
});

describe('isAccountBody', () => {
  it('accepts paid and refunded purchases', () => {
    const refunded = { ...PAID, status: 'refunded', receiptUrl: null };
    expect(isAccountBody({ email: 'a@b.c', purchases: [PAID, refunded] })).toBe(true);
  });
  it.each([
    ['a javascript: receipt', { receiptUrl: 'javascript:alert(1)' }],
    ['an unknown status', { status: 'pending' }],
    ['a license with a negative count', { license: { ...PAID.license, used: -1 } }],
  ])('refuses %s', (_name, change) => {
    expect(isAccountPurchaseBody({ ...PAID, ...change })).toBe(false);
  });
});

describe('licenses and time', () => {
  it('accept their answers and refuse others', () => {
    const activation = {
      id: 'act_1',
      machine: 'm'.repeat(22),
      name: null,
      platform: 'linux',
      appVersion: '1.0.0',
      activatedAt: 1,
      lastSeen: 1,
    };
    expect(isLeaseBody({ lease: 'v4.public.x', activation })).toBe(true);
    expect(isLeaseBody({ lease: 'v3.local.x', activation })).toBe(false);
    expect(isTimeBody({ unixSeconds: 1_700_000_000.123 })).toBe(true);
    expect(isTimeBody({ unixSeconds: '1' })).toBe(false);
    expect(isTimeBody({ unixMs: 1_700_000_000_000 })).toBe(false);
  });
});
