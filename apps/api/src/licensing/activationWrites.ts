/**
 * The two writes that move a seat, each ONE `TransactWriteItems` over the activation item and the
 * license record: taking a seat (the activation must not exist, the license must be active and
 * under its limit) and freeing one (the activation must exist, and be stale when pruning).
 * @module
 */
import { randomBytes } from 'node:crypto';
import {
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { type Activation, activationItemId, type MachineInfo } from './activationItems.js';
import { licensingUnavailable } from './errors.js';
import { licenseItemId } from './records.js';

/** What taking a seat came to. */
export type InsertOutcome =
  | { kind: 'created'; activation: Activation }
  | { kind: 'exists' }
  | { kind: 'refused' }
  | { kind: 'conflict' };

const reasonsOf = (error: unknown): (string | undefined)[] =>
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map(
    (reason) => reason.Code,
  );

/**
 * Take a seat: put the activation and count it in the license, in one transaction.
 * @param at - Unix seconds, the activation's time
 * @returns created; exists (a concurrent request for this machine won); refused (revoked or at
 *   the limit); conflict (another transaction touched the license item: try again)
 */
export async function insertActivation(
  client: DynamoDBClient,
  table: string,
  licenseId: string,
  info: MachineInfo,
  at: number,
): Promise<InsertOutcome> {
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
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: item,
              ConditionExpression: 'attribute_not_exists(id)',
            },
          },
          {
            Update: {
              TableName: table,
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
 * Free a machine's seat: delete the activation and decrement the count, in one transaction.
 * @param staleBefore - only if last seen before this (pruning)
 * @param also - writes that must happen in the same transaction (the account's release log);
 *   when one of their conditions fails nothing is removed
 * @returns false when there was no such activation (or it was seen after `staleBefore`, or a
 *   condition of `also` failed)
 */
export async function removeActivation(
  client: DynamoDBClient,
  table: string,
  licenseId: string,
  machine: string,
  staleBefore?: number,
  also: readonly TransactWriteItem[] = [],
): Promise<boolean> {
  try {
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Delete: {
              TableName: table,
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
              TableName: table,
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
