/**
 * The licensing operations: license records at fulfilment and revocation, and activate,
 * refresh and deactivate for the product. Nothing here knows about HTTP.
 * @module
 */
import { DEFAULT_EDITION, type EditionId, PRODUCT_NAME } from '@local-memory/catalog';
import {
  generateLicenseKey,
  isDownloadKeysError,
  normalizeLicenseKey,
  validateLicenseKeyFormat,
} from '@local-memory/download-keys';
import {
  LEASE_IMPLICIT,
  type LeaseClaims,
  type LeaseKeyset,
  leaseKid,
} from '@local-memory/download-keys/lease';
// The Node verifier (node:crypto's Ed25519): the same answers as ./lease's, ten times faster.
import { verifyLease, verifyV4Public } from '@local-memory/download-keys/node';
import type { Activation, ActivationTimes, MachineInfo } from './activationItems.js';
import type { Activations } from './activations.js';
import { revokedError } from './activations.js';
import { activationLimitOf, type LicensingConfig } from './config.js';
import { LicensingError } from './errors.js';
import { issueLease } from './leases.js';
import type { LicenseRecord, LicenseRecords } from './records.js';
import type { LeaseSigner } from './signer.js';

/** An activation as the API answers it. */
export interface ActivationView extends MachineInfo, ActivationTimes {
  readonly id: string;
}

/** A fresh lease and the activation it is for. */
export interface LeaseAnswer {
  readonly lease: string;
  readonly activation: ActivationView;
}

/** What licensing needs. */
export interface LicensingDeps {
  readonly config: LicensingConfig;
  /** `DOWNLOAD_SECRET`: a session's license key is derived from it. */
  readonly downloadSecret: string;
  /** The `iss` of every lease (the site's origin). */
  readonly issuer: string;
  readonly records: LicenseRecords;
  readonly activations: Activations;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}

/** The licensing operations. */
export interface Licensing {
  /** The current signer, or undefined when no key is configured. */
  readonly signer: LeaseSigner | undefined;
  /** Every kid that verifies a presented lease, and its public key. */
  keyset(): LeaseKeyset;
  /** Write the license of a paid purchase of `edition` (idempotent). */
  issueForSession(sessionId: string, edition: EditionId): Promise<string>;
  /** Revoke the license of a refunded or disputed purchase (idempotent). */
  revokeForSession(sessionId: string, reason: string): Promise<string>;
  activate(licenseKey: string, info: MachineInfo): Promise<LeaseAnswer & { created: boolean }>;
  refresh(lease: string): Promise<LeaseAnswer>;
  deactivate(licenseKey: string, machine: string): Promise<void>;
  /** Every revoked license id. */
  revokedIds(): Promise<string[]>;
  /**
   * The canonical form of a key as a customer typed it.
   * @throws {LicensingError} invalid_license_key
   */
  canonicalKey(licenseKey: string): string;
}

const view = (a: Activation): ActivationView => ({
  id: a.activationId,
  machine: a.machine,
  name: a.name,
  platform: a.platform,
  appVersion: a.appVersion,
  activatedAt: a.activatedAt,
  lastSeen: a.lastSeen,
});

/** Create the licensing operations. */
export function createLicensing(deps: LicensingDeps): Licensing {
  const { config, records, activations } = deps;
  const signer = config.signer;
  const seconds = () => Math.floor(deps.now() / 1000);
  const grantOf = (sessionId: string, edition: EditionId) => ({
    licenseKey: generateLicenseKey(sessionId, deps.downloadSecret),
    edition,
    limit: activationLimitOf(config, edition),
  });

  function requireSigner(): LeaseSigner {
    if (!signer) {
      throw new LicensingError(
        'licensing_unavailable',
        'Activation is not available on this server yet (no lease signing key is configured); try again later',
      );
    }
    return signer;
  }

  function canonicalKey(licenseKey: string): string {
    const key = normalizeLicenseKey(licenseKey);
    if (!validateLicenseKeyFormat(key).valid) {
      throw new LicensingError(
        'invalid_license_key',
        `This is not a ${PRODUCT_NAME} license key (LM-XXXX-XXXX-XXXX-XXXX-XXXX); copy it from your email or the purchase page`,
      );
    }
    return key;
  }

  async function licenseOfKey(licenseKey: string): Promise<LicenseRecord> {
    const licenseId = await records.licenseIdOfKey(canonicalKey(licenseKey));
    const license = licenseId === null ? null : await records.get(licenseId);
    if (license === null) {
      throw new LicensingError(
        'license_not_found',
        'No license has this key; check it against your email, and write to support if it is right',
      );
    }
    return license;
  }

  async function leaseFor(license: LicenseRecord, activation: Activation): Promise<LeaseAnswer> {
    const { lease } = await issueLease(
      requireSigner(),
      deps.issuer,
      {
        licenseId: license.licenseId,
        edition: license.edition,
        limit: license.limit,
        machine: activation.machine,
      },
      seconds(),
    );
    return { lease, activation: view(activation) };
  }

  function keyset(): LeaseKeyset {
    return signer ? { ...config.previousKeys, [signer.kid]: signer.publicKey } : {};
  }

  /** The claims of a lease this API signed, expired or not. */
  function presentedClaims(token: string): LeaseClaims {
    const keys = keyset();
    try {
      return verifyLease(token, keys, { now: seconds(), implicit: LEASE_IMPLICIT });
    } catch (error) {
      if (!isDownloadKeysError(error)) throw error;
      if (error.code === 'EXPIRED') {
        // Its claims passed every check before the clock did; an expired lease may be renewed
        // while its activation lives.
        const key = keys[leaseKid(token)] as Uint8Array;
        const { payload } = verifyV4Public(token, key, { implicit: LEASE_IMPLICIT });
        return JSON.parse(Buffer.from(payload).toString('utf8')) as LeaseClaims;
      }
      throw new LicensingError(
        'invalid_lease',
        error.code === 'UNKNOWN_KID'
          ? 'This lease was signed with a key this server no longer knows; activate again with your license key'
          : `This is not a lease this server issued (${error.code}); activate again with your license key`,
        undefined,
        { cause: error },
      );
    }
  }

  return {
    signer,
    keyset,
    canonicalKey,
    async issueForSession(sessionId, edition) {
      return (await records.issue(grantOf(sessionId, edition))).licenseId;
    },
    revokeForSession(sessionId, reason) {
      // A refund only names the session; its license keeps the edition it was written with, and
      // one written revoked (refund before fulfilment) can never activate, whatever it says.
      return records.revoke(grantOf(sessionId, DEFAULT_EDITION), reason);
    },
    async activate(licenseKey, info) {
      requireSigner();
      const license = await licenseOfKey(licenseKey);
      if (license.status === 'revoked') throw revokedError();
      const { activation, created } = await activations.activate(license, info);
      const current = (await records.get(license.licenseId)) ?? license;
      return { ...(await leaseFor(current, activation)), created };
    },
    async refresh(token) {
      requireSigner();
      const claims = presentedClaims(token);
      const license = await records.get(claims.sub);
      if (license === null) {
        throw new LicensingError('invalid_lease', 'This lease names no license; activate again');
      }
      if (license.status === 'revoked') throw revokedError();
      const activation = await activations.touch(license.licenseId, { machine: claims.mid });
      if (activation === null) {
        throw new LicensingError(
          'deactivated',
          'This machine was deactivated (or unseen for 90 days); activate again with your license key',
        );
      }
      return leaseFor(license, activation);
    },
    async deactivate(licenseKey, machine) {
      const license = await licenseOfKey(licenseKey);
      if (!(await activations.remove(license.licenseId, machine))) {
        throw new LicensingError(
          'activation_not_found',
          'This machine holds no activation of this license (it may already be deactivated)',
        );
      }
    },
    revokedIds: () => records.revokedIds(),
  };
}
