/**
 * The account's bodies, checked by `@local-memory/contract`, in the page's own shape: the
 * download's `href` becomes `url`, a missing filename or license becomes null, purchases newest
 * first. A body that is not what the contract says is null, never shown half-filled.
 * @module
 */
import {
  type AccountPurchaseBody,
  isAccountBody,
  isAccountPurchaseBody,
} from '@local-memory/contract';
import type { Account, AccountPurchase } from './accountTypes';

function fromBody(body: AccountPurchaseBody): AccountPurchase {
  const { sessionId, createdAt, amount, currency } = body;
  const facts = { sessionId, createdAt, amount, currency, receiptUrl: body.receiptUrl ?? null };
  if (body.status === 'refunded') return { ...facts, status: 'refunded' };
  return {
    ...facts,
    status: 'paid',
    licenseKey: body.licenseKey,
    activationCommand: body.activationCommand,
    downloads: body.downloads.map((d) => ({
      platform: d.platform,
      label: d.label,
      filename: d.filename ?? null,
      url: d.href,
    })),
    license: body.license ?? null,
  };
}

/**
 * Check the shape of one purchase from the API.
 * @param value - one entry of `purchases`, or a release's `purchase`
 * @returns the purchase, or null when the value is not one
 */
export function parseAccountPurchase(value: unknown): AccountPurchase | null {
  return isAccountPurchaseBody(value) ? fromBody(value) : null;
}

/**
 * Check the shape of `GET /api/account`'s 200 body.
 * @returns the account with its purchases newest first, or null when the body is not one
 */
export function parseAccount(body: unknown): Account | null {
  if (!isAccountBody(body)) return null;
  return {
    email: body.email,
    purchases: body.purchases.map(fromBody).sort((a, b) => b.createdAt - a.createdAt),
  };
}
