/**
 * Issuing leases (docs/algorithms.md, "Leases"): the claims of one activation, signed by the
 * {@link LeaseSigner} through the library's `signLeaseWith`, which checks them first.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { LEASE_IMPLICIT, LEASE_SECONDS, type LeaseClaims } from '@local-memory/download-keys/lease';
import { signLeaseWith } from '@local-memory/download-keys/node';
import type { LeaseSigner } from './signer.js';

/** What each edition grants: entitlements and how long updates last (null: no limit). */
export const EDITIONS: Readonly<
  Record<string, { readonly entitlements: readonly string[]; readonly updatesFor: number | null }>
> = {
  standard: { entitlements: ['app', 'updates'], updatesFor: null },
};

/** The edition every current price sells. */
export const DEFAULT_EDITION = 'standard';

/** Inputs of one lease. */
export interface LeaseSubject {
  readonly licenseId: string;
  readonly edition: string;
  readonly limit: number;
  readonly machine: string;
}

/**
 * Sign a lease for a machine, valid 30 days from `nowSeconds`.
 * @returns the token and its claims
 */
export async function issueLease(
  signer: LeaseSigner,
  issuer: string,
  subject: LeaseSubject,
  nowSeconds: number,
): Promise<{ lease: string; claims: LeaseClaims }> {
  const edition = EDITIONS[subject.edition] ?? EDITIONS[DEFAULT_EDITION];
  const claims: LeaseClaims = {
    v: 1,
    iss: issuer,
    sub: subject.licenseId,
    edn: subject.edition,
    ent: [...(edition?.entitlements ?? [])],
    max: subject.limit,
    mid: subject.machine,
    iat: nowSeconds,
    exp: nowSeconds + LEASE_SECONDS,
    upd: edition?.updatesFor == null ? null : nowSeconds + edition.updatesFor,
    jti: `lease_${randomBytes(12).toString('base64url')}`,
  };
  const lease = await signLeaseWith(claims, (message) => signer.sign(message), {
    kid: signer.kid,
    implicit: LEASE_IMPLICIT,
  });
  return { lease, claims };
}
