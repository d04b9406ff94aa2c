import { describe, expect, it } from 'vitest';
import { readSessionId } from './sessionId';

describe('readSessionId', () => {
  it('accepts Stripe Checkout session ids, trimming stray whitespace', () => {
    expect(readSessionId('cs_test_a1B2c3')).toEqual({ ok: true, sessionId: 'cs_test_a1B2c3' });
    expect(readSessionId(' cs_live_Z9 ')).toEqual({ ok: true, sessionId: 'cs_live_Z9' });
  });

  it.each([
    [null, 'missing'],
    ['', 'missing'],
    ['   ', 'missing'],
    ['{CHECKOUT_SESSION_ID}', 'unsubstituted'],
    [`cs_test_${'a'.repeat(10_000)}`, 'too-long'],
    ['pi_3Nabc', 'not-a-checkout-id'],
    ['cs_test_<script>alert(1)</script>', 'not-a-checkout-id'],
    ['cs_test_<img src=x onerror=alert(1)>', 'not-a-checkout-id'],
    ['cs_test_ünïcødé', 'not-a-checkout-id'],
    ['cs_test_', 'not-a-checkout-id'],
  ])('%j is %s', (raw, problem) => {
    expect(readSessionId(raw)).toEqual({ ok: false, problem });
  });
});
