/**
 * Issuing leases (docs/algorithms.md, "Leases"): the claims of one activation, signed by the
 * {@link LeaseSigner} through the library's `signLeaseWith`, which checks them first.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_EDITION, EDITIONS, isEditionId } from '@local-memory/catalog';
import { LEASE_IMPLICIT, LEASE_SECONDS, type LeaseClaims } from '@local-memory/download-keys/lease';
import { signLeaseWith } from '@local-memory/download-keys/node';
import type { LeaseSigner } from './signer.js';

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
  // What each edition grants comes from the catalogue; an unknown edition grants the default's.
  const edition = EDITIONS[isEditionId(subject.edition) ? subject.edition : DEFAULT_EDITION];
  const claims: LeaseClaims = {
    v: 1,
    iss: issuer,
    sub: subject.licenseId,
    edn: subject.edition,
    ent: [...edition.entitlements],
    max: subject.limit,
    mid: subject.machine,
    iat: nowSeconds,
    exp: nowSeconds + LEASE_SECONDS,
    upd: edition.updatesForSeconds === null ? null : nowSeconds + edition.updatesForSeconds,
    jti: `lease_${randomBytes(12).toString('base64url')}`,
  };
  const lease = await signLeaseWith(claims, (message) => signer.sign(message), {
    kid: signer.kid,
    implicit: LEASE_IMPLICIT,
  });
  return { lease, claims };
}
