/**
 * Reading the Checkout session id from the Success URL, and saying kindly what is wrong with it.
 * @module
 */
import { isCheckoutSessionId, MAX_SESSION_ID_LENGTH } from '@local-memory/download-keys';

export type SessionIdProblem = 'missing' | 'unsubstituted' | 'too-long' | 'not-a-checkout-id';

export type SessionIdResult =
  | { readonly ok: true; readonly sessionId: string }
  | { readonly ok: false; readonly problem: SessionIdProblem };

/**
 * Check the `session_id` query value. Never echoes it back: the reason is one of a fixed set.
 * @param raw - `URLSearchParams.get('session_id')`
 */
export function readSessionId(raw: string | null): SessionIdResult {
  if (raw === null || raw.trim() === '') return { ok: false, problem: 'missing' };
  if (raw === '{CHECKOUT_SESSION_ID}') return { ok: false, problem: 'unsubstituted' };
  if (raw.length > MAX_SESSION_ID_LENGTH) return { ok: false, problem: 'too-long' };
  const trimmed = raw.trim();
  if (!isCheckoutSessionId(trimmed)) return { ok: false, problem: 'not-a-checkout-id' };
  return { ok: true, sessionId: trimmed };
}

/** What the customer reads for each problem. */
export const SESSION_ID_PROBLEM_TEXT: Readonly<Record<SessionIdProblem, string>> = {
  missing:
    'This page needs the link Stripe sent you back with after payment, and this address has no purchase reference in it.',
  unsubstituted:
    'The link that brought you here was not filled in by Stripe, so it carries no purchase reference. Your payment is not affected.',
  'too-long':
    'The purchase reference in this address is far longer than any Stripe reference, so it was probably damaged when it was copied.',
  'not-a-checkout-id':
    'The purchase reference in this address is not one Stripe issues (they start with cs_live_ or cs_test_), so it was probably cut short or changed when it was copied.',
};
