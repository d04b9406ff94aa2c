/**
 * A lease issued through a {@link LeaseSigner} and verified with the library's `verifyLease`, as
 * a product would: the signer tests (file, KMS, Secrets Manager) each end with this round trip.
 * @module
 */
import {
  LEASE_IMPLICIT,
  type LeaseClaims,
  machineId,
  verifyLease,
} from '@local-memory/download-keys/lease';
import { issueLease } from '../licensing/leases.js';
import type { LeaseSigner } from '../licensing/signer.js';

/** A fixed issue time, so the lease is valid at `NOW + 1` whatever the clock says. */
const NOW = 1_767_225_600;

/**
 * Issue a lease for `licenseId` with `signer`, then verify it with `publicKey`.
 * @param publicKey - the key verification trusts for `signer.kid`; the signer's own by default
 * @returns the token and its verified claims
 * @throws the library's lease error (with its `code`) when the lease does not verify
 */
export async function leaseRoundTrip(
  signer: LeaseSigner,
  licenseId: string,
  publicKey: Uint8Array = signer.publicKey,
): Promise<{ lease: string; claims: LeaseClaims; now: number }> {
  const { lease } = await issueLease(
    signer,
    'https://shop.test.invalid',
    { licenseId, edition: 'standard', limit: 3, machine: machineId(licenseId) },
    NOW,
  );
  const claims = verifyLease(
    lease,
    { [signer.kid]: publicKey },
    { now: NOW + 1, implicit: LEASE_IMPLICIT },
  );
  return { lease, claims, now: NOW };
}
