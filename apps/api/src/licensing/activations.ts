/**
 * Activations: one item per (license, machine), `activation#{licenseId}#{machine}`, counted in
 * the license record. A new activation is ONE `TransactWriteItems`: the conditional put of the
 * activation (it must not exist) and the conditional increment of the license's count (status
 * active and `active < limit`), so the limit holds under any concurrency. The same machine again
 * updates its activation and never takes a seat. Activations unseen for 90 days stop counting:
 * when the limit refuses a new one, the stale ones are removed first (each by its own
 * transaction, conditional on it still being stale) and the activation is tried once more.
 * @module
 */
import {
  type AttributeValue,
  BatchGetItemCommand,
  GetItemCommand,
  type TransactWriteItem,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  type Activation,
  activationItemId,
  activationOf,
  type MachineInfo,
} from './activationItems.js';
import { insertActivation, removeActivation } from './activationWrites.js';
import { LicensingError, licensingUnavailable } from './errors.js';
import type { LicenseRecord, LicenseRecords } from './records.js';

/** Activations unseen this long stop counting against the limit. */
export const STALE_ACTIVATION_SECONDS = 90 * 86_400;

/** Activations over the ledger table. */
export class Activations {
  constructor(
    private readonly records: LicenseRecords,
    private readonly now: () => number = Date.now,
  ) {}

  private get client() {
    return this.records.client;
  }
  private get table() {
    return this.records.table;
  }
  private seconds() {
    return Math.floor(this.now() / 1000);
  }

  /** One activation, or null. */
  async get(licenseId: string, machine: string): Promise<Activation | null> {
    try {
      const { Item } = await this.client.send(
        new GetItemCommand({
          TableName: this.table,
          Key: { id: { S: activationItemId(licenseId, machine) } },
          ConsistentRead: true,
        }),
      );
      return Item ? activationOf(Item) : null;
    } catch (error) {
      throw licensingUnavailable(error);
    }
  }

  /** The activations a license counts (its `machines`). */
  async list(license: LicenseRecord): Promise<Activation[]> {
    if (license.machines.length === 0) return [];
    const found: Activation[] = [];
    // At most 100 keys per BatchGetItem; a license's limit is far below.
    for (let i = 0; i < license.machines.length; i += 100) {
      let keys: Record<string, AttributeValue>[] = license.machines
        .slice(i, i + 100)
        .map((machine) => ({ id: { S: activationItemId(license.licenseId, machine) } }));
      for (let attempt = 0; keys.length > 0 && attempt < 5; attempt++) {
        try {
          const answer = await this.client.send(
            new BatchGetItemCommand({
              RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } },
            }),
          );
          for (const item of answer.Responses?.[this.table] ?? []) found.push(activationOf(item));
          keys = (answer.UnprocessedKeys?.[this.table]?.Keys ?? []) as typeof keys;
        } catch (error) {
          throw licensingUnavailable(error);
        }
      }
    }
    return found.sort((a, b) => a.activatedAt - b.activatedAt);
  }

  /** Mark the machine seen now (and update what it says about itself). */
  async touch(licenseId: string, info: Partial<MachineInfo> & { machine: string }) {
    const sets = ['lastSeen = :now'];
    const values: Record<string, AttributeValue> = { ':now': { N: String(this.seconds()) } };
    const names: Record<string, string> = {};
    if (info.platform !== undefined) {
      sets.push('platform = :platform');
      values[':platform'] = { S: info.platform };
    }
    if (info.appVersion !== undefined) {
      sets.push('appVersion = :appVersion');
      values[':appVersion'] = { S: info.appVersion };
    }
    if (info.name) {
      sets.push('#name = :name');
      names['#name'] = 'name';
      values[':name'] = { S: info.name };
    }
    try {
      const { Attributes } = await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: { id: { S: activationItemId(licenseId, info.machine) } },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_exists(id)',
          ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? activationOf(Attributes) : null;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return null;
      throw licensingUnavailable(error);
    }
  }

  /**
   * Activate a machine on a license: the same machine again gets its activation back (200, no
   * seat taken); a new one takes a seat if one is free.
   * @returns the activation and whether it is new
   * @throws {LicensingError} revoked, activation_limit (with the active machines)
   */
  async activate(
    license: LicenseRecord,
    info: MachineInfo,
  ): Promise<{ activation: Activation; created: boolean }> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const existing = await this.touch(license.licenseId, info);
      if (existing) return { activation: existing, created: false };
      const outcome = await insertActivation(
        this.client,
        this.table,
        license.licenseId,
        info,
        this.seconds(),
      );
      if (outcome.kind === 'created') return { activation: outcome.activation, created: true };
      if (outcome.kind === 'exists') continue; // a concurrent request for this machine won
      if (outcome.kind === 'conflict') {
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
        continue;
      }
      const current = await this.records.get(license.licenseId);
      if (current === null || current.status === 'revoked') throw revoked();
      if (current.active < current.limit) continue;
      const active = await this.list(current);
      const pruned = await this.pruneStale(current.licenseId, active);
      if (pruned > 0) continue;
      throw limitReached(current, active);
    }
    throw licensingUnavailable(new Error('activation contended; try again'));
  }

  /**
   * Remove activations unseen for 90 days, each in its own transaction conditional on it still
   * being stale (a machine seen meanwhile keeps its seat).
   * @returns how many were removed
   */
  async pruneStale(licenseId: string, active: readonly Activation[]): Promise<number> {
    const cutoff = this.seconds() - STALE_ACTIVATION_SECONDS;
    let removed = 0;
    for (const activation of active) {
      if (activation.lastSeen >= cutoff) continue;
      if (await this.remove(licenseId, activation.machine, cutoff)) removed++;
    }
    return removed;
  }

  /** Free a machine's seat; see {@link removeActivation}. */
  remove(
    licenseId: string,
    machine: string,
    staleBefore?: number,
    also: readonly TransactWriteItem[] = [],
  ): Promise<boolean> {
    return removeActivation(this.client, this.table, licenseId, machine, staleBefore, also);
  }
}

function revoked(): LicensingError {
  return new LicensingError(
    'revoked',
    'This license was refunded or disputed and no longer activates; write to support if this is a mistake',
  );
}

function limitReached(license: LicenseRecord, active: readonly Activation[]): LicensingError {
  return new LicensingError(
    'activation_limit',
    `This license is active on ${license.active} of ${license.limit} machines; deactivate one (on that machine, or with its machine id) and try again`,
    {
      limit: license.limit,
      machines: active.map((a) => ({
        machine: a.machine,
        name: a.name,
        platform: a.platform,
        lastSeen: a.lastSeen,
      })),
    },
  );
}

export { revoked as revokedError };
