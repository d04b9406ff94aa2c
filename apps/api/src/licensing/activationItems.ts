/**
 * An activation as stored: one item per (license, machine), `activation#{licenseId}#{machine}`.
 * @module
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** What the client says about itself. */
export interface MachineInfo {
  readonly machine: string;
  readonly name: string | null;
  readonly platform: string;
  readonly appVersion: string;
}

/** When a machine took its seat and was last seen, in Unix seconds. */
export interface ActivationTimes {
  readonly activatedAt: number;
  readonly lastSeen: number;
}

/** One machine holding a seat. */
export interface Activation extends MachineInfo, ActivationTimes {
  readonly activationId: string;
  readonly licenseId: string;
}

/** The ledger id of a machine's activation of a license. */
export const activationItemId = (licenseId: string, machine: string) =>
  `activation#${licenseId}#${machine}`;

/** An activation read back from its item. */
export function activationOf(item: Record<string, AttributeValue>): Activation {
  return {
    activationId: item.activationId?.S ?? '',
    licenseId: item.licenseId?.S ?? '',
    machine: item.machine?.S ?? '',
    name: item.name?.S ?? null,
    platform: item.platform?.S ?? '',
    appVersion: item.appVersion?.S ?? '',
    activatedAt: Number(item.activatedAt?.N ?? 0),
    lastSeen: Number(item.lastSeen?.N ?? 0),
  };
}
