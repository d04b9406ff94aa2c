/**
 * `/api/licenses/*` (the product's activate, refresh, deactivate) and `GET /api/time`.
 * @module
 */
import { isCount, isFiniteNumber, isRecord, isText, isTextOrNull } from './guards.js';

/** An activation as the API answers it. */
export interface ActivationBody {
  readonly id: string;
  readonly machine: string;
  readonly name: string | null;
  readonly platform: string;
  readonly appVersion: string;
  /** Unix seconds. */
  readonly activatedAt: number;
  /** Unix seconds. */
  readonly lastSeen: number;
}

/** 201/200 of `POST /api/licenses/activate`, 200 of `POST /api/licenses/refresh`. */
export interface LeaseBody {
  /** A PASETO v4.public token (`v4.public.…`). */
  readonly lease: string;
  readonly activation: ActivationBody;
}

/** 200 of `POST /api/licenses/deactivate`. */
export interface DeactivatedBody {
  readonly deactivated: true;
  readonly machine: string;
}

/** 200 of `GET /api/time`: the server's clock. */
export interface TimeBody {
  /** Unix seconds, with the milliseconds as the fraction (a clock probe wants them). */
  readonly unixSeconds: number;
}

function isActivation(value: unknown): value is ActivationBody {
  return (
    isRecord(value) &&
    isText(value.id) &&
    isText(value.machine) &&
    isTextOrNull(value.name) &&
    typeof value.platform === 'string' &&
    typeof value.appVersion === 'string' &&
    isCount(value.activatedAt) &&
    isCount(value.lastSeen)
  );
}

/** Whether `body` is a lease answer. */
export function isLeaseBody(body: unknown): body is LeaseBody {
  return (
    isRecord(body) &&
    typeof body.lease === 'string' &&
    body.lease.startsWith('v4.public.') &&
    isActivation(body.activation)
  );
}

/** Whether `body` is the deactivation answer. */
export function isDeactivatedBody(body: unknown): body is DeactivatedBody {
  return isRecord(body) && body.deactivated === true && isText(body.machine);
}

/** Whether `body` is the time answer. */
export function isTimeBody(body: unknown): body is TimeBody {
  return isRecord(body) && isFiniteNumber(body.unixSeconds) && body.unixSeconds > 0;
}
