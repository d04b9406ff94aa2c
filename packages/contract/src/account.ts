/**
 * `/api/account/*`: sign-in links, sessions, the signed-in address's purchases, releasing a
 * machine, signing out.
 * @module
 */
import {
  isCount,
  isCurrency,
  isDownloadPath,
  isFiniteNumber,
  isRecord,
  isText,
  isTextOrNull,
} from './guards.js';

/** One download of a paid purchase; `href` is the API's own `/api/downloads/…`. */
export interface AccountDownloadBody {
  readonly platform: string;
  readonly label: string;
  /** The ZIP's name when the API gives it; the download's own header names it anyway. */
  readonly filename?: string;
  readonly href: string;
}

/** A machine holding a seat. */
export interface MachineBody {
  /** The machine id (22 base64url characters): what a release names. */
  readonly machine: string;
  /** The name the machine gave when it was activated; null when it gave none. */
  readonly name: string | null;
  readonly platform: string;
  /** Unix seconds. */
  readonly lastSeen: number;
}

/** A purchase's licensing record: its seats and the machines on them. */
export interface LicenseBody {
  readonly licenseId: string;
  readonly max: number;
  readonly used: number;
  /** Releases still allowed in the current 30-day window. */
  readonly releasesLeft: number;
  readonly machines: readonly MachineBody[];
}

interface PurchaseFactsBody {
  readonly sessionId: string;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Minor units (cents). */
  readonly amount: number;
  /** ISO 4217, lower case as Stripe has it. */
  readonly currency: string;
  /** Stripe's receipt page, or null when Stripe has none. */
  readonly receiptUrl: string | null;
}

/** A paid purchase of the address: everything it gives. */
export interface PaidPurchaseBody extends PurchaseFactsBody {
  readonly status: 'paid';
  readonly licenseKey: string;
  readonly activationCommand: string;
  readonly downloads: readonly AccountDownloadBody[];
  /** null when no licensing record exists (licensing not configured). */
  readonly license: LicenseBody | null;
}

/** A refunded purchase: offers nothing. */
export interface RefundedPurchaseBody extends PurchaseFactsBody {
  readonly status: 'refunded';
}

export type AccountPurchaseBody = PaidPurchaseBody | RefundedPurchaseBody;

/** 200 of `GET /api/account`. */
export interface AccountBody {
  readonly email: string;
  readonly purchases: readonly AccountPurchaseBody[];
}

/** 200 of `POST /api/account/session`. */
export interface SessionBody {
  readonly email: string;
  /** Unix seconds. */
  readonly expiresAt: number;
}

/** 200 of `POST /api/account/machines/release`. */
export interface ReleaseBody {
  readonly purchase: AccountPurchaseBody;
}

/** Only a web page may be linked: never `javascript:` or any other scheme from a body. */
export function isWebUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/i.test(value);
}

function isAccountDownload(value: unknown): value is AccountDownloadBody {
  return (
    isRecord(value) &&
    typeof value.platform === 'string' &&
    isText(value.label) &&
    isDownloadPath(value.href) &&
    (value.filename === undefined || isText(value.filename))
  );
}

function isMachine(value: unknown): value is MachineBody {
  return (
    isRecord(value) &&
    isText(value.machine) &&
    isTextOrNull(value.name) &&
    typeof value.platform === 'string' &&
    isFiniteNumber(value.lastSeen)
  );
}

function isLicense(value: unknown): value is LicenseBody {
  return (
    isRecord(value) &&
    isText(value.licenseId) &&
    isCount(value.max) &&
    isCount(value.used) &&
    isCount(value.releasesLeft) &&
    Array.isArray(value.machines) &&
    value.machines.every(isMachine)
  );
}

/**
 * Whether `value` is one purchase of the account (an entry of `purchases`, or a release's
 * `purchase`).
 */
export function isAccountPurchaseBody(value: unknown): value is AccountPurchaseBody {
  if (!isRecord(value)) return false;
  const facts =
    isText(value.sessionId) &&
    isFiniteNumber(value.createdAt) &&
    isCount(value.amount) &&
    isCurrency(value.currency) &&
    (value.receiptUrl === null || value.receiptUrl === undefined || isWebUrl(value.receiptUrl));
  if (!facts) return false;
  if (value.status === 'refunded') return true;
  return (
    value.status === 'paid' &&
    isText(value.licenseKey) &&
    isText(value.activationCommand) &&
    Array.isArray(value.downloads) &&
    value.downloads.every(isAccountDownload) &&
    (value.license === null || value.license === undefined || isLicense(value.license))
  );
}

/** Whether `body` is the 200 body of `GET /api/account`. */
export function isAccountBody(body: unknown): body is AccountBody {
  return (
    isRecord(body) &&
    isText(body.email) &&
    Array.isArray(body.purchases) &&
    body.purchases.every(isAccountPurchaseBody)
  );
}

/** Whether `body` is the 200 body of `POST /api/account/session`. */
export function isSessionBody(body: unknown): body is SessionBody {
  return isRecord(body) && isText(body.email) && isCount(body.expiresAt);
}

/** Whether `body` is the 200 body of `POST /api/account/machines/release`. */
export function isReleaseBody(body: unknown): body is ReleaseBody {
  return isRecord(body) && isAccountPurchaseBody(body.purchase);
}
