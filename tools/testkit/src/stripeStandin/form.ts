/**
 * Reading what the `stripe` SDK sends: `a[b][0][c]=v` form bodies and query strings, and the tax
 * and invoice parameters of a Checkout Session create, checked as Stripe checks them.
 * @module
 */
import type { StandinSession } from './types.js';

/**
 * Parse `a[b][0][c]=v` form bodies and query strings the way Stripe's SDK writes them.
 * @returns nested objects and arrays
 */
export function parseStripeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = rawKey.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      if (i === parts.length - 1) {
        node[part] = value;
      } else {
        node[part] ??= {};
        node = node[part] as Record<string, unknown>;
      }
    }
  }
  return root;
}

/** A parameter that may be one string or an indexed list (`expand[0]=…`), as a list. */
export const listOf = (value: unknown): string[] =>
  value === undefined
    ? []
    : typeof value === 'string'
      ? [value]
      : Object.values(value as Record<string, string>);

/** Stripe's refusal of a parameter, as the stand-in words it. */
export interface ParamError {
  readonly error: { readonly message: string; readonly code: string };
}

/** A `[enabled]` hash as Stripe reads it: absent, or `enabled` a boolean. */
function enabledHash(body: Record<string, unknown>, name: string): boolean | ParamError {
  const value = body[name];
  if (value === undefined) return false;
  const enabled =
    typeof value === 'object' && value !== null ? (value as { enabled?: unknown }).enabled : value;
  if (enabled === undefined || typeof value !== 'object') {
    return {
      error: { message: `Missing required param: ${name}[enabled].`, code: 'parameter_missing' },
    };
  }
  if (enabled !== 'true' && enabled !== 'false') {
    return {
      error: {
        message: `Invalid boolean: ${String(enabled)} (${name}[enabled])`,
        code: 'parameter_invalid_boolean',
      },
    };
  }
  return enabled === 'true';
}

/**
 * The tax and invoice parameters of a Checkout Session create, checked as Stripe checks them.
 * @returns the session fields, or Stripe's error
 */
export function checkoutTaxParams(
  body: Record<string, unknown>,
):
  | Pick<
      StandinSession,
      'automaticTax' | 'taxIdCollection' | 'billingAddressCollection' | 'invoiceCreation'
    >
  | ParamError {
  const automaticTax = enabledHash(body, 'automatic_tax');
  if (typeof automaticTax !== 'boolean') return automaticTax;
  const taxIdCollection = enabledHash(body, 'tax_id_collection');
  if (typeof taxIdCollection !== 'boolean') return taxIdCollection;
  const invoiceCreation = enabledHash(body, 'invoice_creation');
  if (typeof invoiceCreation !== 'boolean') return invoiceCreation;
  const billing = body.billing_address_collection ?? 'auto';
  if (billing !== 'auto' && billing !== 'required') {
    return {
      error: {
        message: `Invalid billing_address_collection: must be one of auto or required`,
        code: 'parameter_invalid_string',
      },
    };
  }
  return { automaticTax, taxIdCollection, invoiceCreation, billingAddressCollection: billing };
}
