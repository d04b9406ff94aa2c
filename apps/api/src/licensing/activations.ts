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
import { randomBytes } from 'node:crypto';
import {
  type AttributeValue,
  BatchGetItemCommand,
  GetItemCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { LicensingError, licensingUnavailable } from './errors.js';
import { type LicenseRecord, type LicenseRecords, licenseItemId } from './records.js';

/** Activations unseen this long stop counting against the limit. */
export const STALE_ACTIVATION_SECONDS = 90 * 86_400;

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

export const activationItemId = (licenseId: string, machine: string) =>
  `activation#${licenseId}#${machine}`;

function activationOf(item: Record<string, AttributeValue>): Activation {
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

const reasonsOf = (error: unknown): (string | undefined)[] =>
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map(
    (reason) => reason.Code,
  );

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
      const outcome = await this.tryInsert(license.licenseId, info);
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

  private async tryInsert(
    licenseId: string,
    info: MachineInfo,
  ): Promise<
    | { kind: 'created'; activation: Activation }
    | { kind: 'exists' }
    | { kind: 'refused' }
    | { kind: 'conflict' }
  > {
    const at = this.seconds();
    const activation: Activation = {
      activationId: `act_${randomBytes(12).toString('base64url')}`,
      licenseId,
      machine: info.machine,
      name: info.name,
      platform: info.platform,
      appVersion: info.appVersion,
      activatedAt: at,
      lastSeen: at,
    };
    const item: Record<string, AttributeValue> = {
      id: { S: activationItemId(licenseId, info.machine) },
      activationId: { S: activation.activationId },
      licenseId: { S: licenseId },
      machine: { S: info.machine },
      platform: { S: info.platform },
      appVersion: { S: info.appVersion },
      activatedAt: { N: String(at) },
      lastSeen: { N: String(at) },
    };
    if (info.name) item.name = { S: info.name };
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: item,
                ConditionExpression: 'attribute_not_exists(id)',
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: { id: { S: licenseItemId(licenseId) } },
                UpdateExpression: 'SET active = active + :one ADD machines :machine',
                ConditionExpression: '#status = :active AND active < #limit',
                ExpressionAttributeNames: { '#status': 'status', '#limit': 'limit' },
                ExpressionAttributeValues: {
                  ':one': { N: '1' },
                  ':active': { S: 'active' },
                  ':machine': { SS: [info.machine] },
                },
              },
            },
          ],
        }),
      );
      return { kind: 'created', activation };
    } catch (error) {
      if ((error as Error).name !== 'TransactionCanceledException') {
        throw licensingUnavailable(error);
      }
      const [put, update] = reasonsOf(error);
      if (put === 'ConditionalCheckFailed') return { kind: 'exists' };
      if (update === 'ConditionalCheckFailed') return { kind: 'refused' };
      // TransactionConflict: another transaction touched the license item at the same moment.
      return { kind: 'conflict' };
    }
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

  /**
   * Free a machine's seat: delete the activation and decrement the count, in one transaction.
   * @param staleBefore - only if last seen before this (pruning)
   * @param also - writes that must happen in the same transaction (the account's release log);
   *   when one of their conditions fails nothing is removed
   * @returns false when there was no such activation (or it was seen after `staleBefore`, or a
   *   condition of `also` failed)
   */
  async remove(
    licenseId: string,
    machine: string,
    staleBefore?: number,
    also: readonly TransactWriteItem[] = [],
  ): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.table,
                Key: { id: { S: activationItemId(licenseId, machine) } },
                ConditionExpression:
                  staleBefore === undefined
                    ? 'attribute_exists(id)'
                    : 'attribute_exists(id) AND lastSeen < :cutoff',
                ...(staleBefore === undefined
                  ? {}
                  : { ExpressionAttributeValues: { ':cutoff': { N: String(staleBefore) } } }),
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: { id: { S: licenseItemId(licenseId) } },
                UpdateExpression: 'SET active = active - :one DELETE machines :machine',
                ConditionExpression: 'contains(machines, :id) AND active > :zero',
                ExpressionAttributeValues: {
                  ':one': { N: '1' },
                  ':zero': { N: '0' },
                  ':machine': { SS: [machine] },
                  ':id': { S: machine },
                },
              },
            },
            ...also,
          ],
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'TransactionCanceledException') return false;
      throw licensingUnavailable(error);
    }
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
