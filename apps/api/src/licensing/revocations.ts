/**
 * The signed revocation list served at `/.well-known/local-memory/revocations`: a PASETO
 * v4.public token (footer `{"kid"}`, implicit `local-memory`) whose payload is
 * `{"iat", "next", "revoked": [licenseIds]}`, so a machine that reaches only static files (or a
 * CDN cache) learns of refunds and disputes. `next` says when to fetch again.
 * @module
 */
import { LEASE_IMPLICIT } from '@local-memory/download-keys/lease';
import { signV4PublicWith } from '@local-memory/download-keys/node';
import type { LeaseSigner } from './signer.js';

/** How long a published list is fresh (and cached). */
export const REVOCATION_LIST_SECONDS = 300;

/** The payload of a revocation list. */
export interface RevocationList {
  readonly iat: number;
  readonly next: number;
  readonly revoked: readonly string[];
}

/**
 * Sign a revocation list.
 * @param revoked - the revoked license ids
 * @param nowSeconds - issue time (Unix seconds)
 */
export function signRevocationList(
  signer: LeaseSigner,
  revoked: readonly string[],
  nowSeconds: number,
): Promise<string> {
  const list: RevocationList = {
    iat: nowSeconds,
    next: nowSeconds + REVOCATION_LIST_SECONDS,
    revoked: [...revoked],
  };
  return signV4PublicWith(JSON.stringify(list), (message) => signer.sign(message), {
    footer: JSON.stringify({ kid: signer.kid }),
    implicit: LEASE_IMPLICIT,
  });
}
