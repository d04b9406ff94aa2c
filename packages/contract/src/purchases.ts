/**
 * `GET /api/purchases/:sessionId` (the Success page in server mode) and
 * `POST /api/purchases/resend`.
 * @module
 */
import { isCount, isCurrency, isDownloadPath, isRecord, isText, isTextOrNull } from './guards.js';

/** One download a purchase offers; `url` is the API's own `/api/downloads/…`, checked per click. */
export interface PurchaseDownloadBody {
  /** The API's platform name (download-keys' `PLATFORMS`); a client leaves out names it does not know. */
  readonly platform: string;
  readonly filename: string;
  readonly url: string;
}

/** A paid purchase: the 200 body of `GET /api/purchases/:sessionId`. */
export interface PurchaseBody {
  readonly sessionId: string;
  readonly licenseKey: string;
  readonly activationCommand: string;
  /** Minor units (cents). */
  readonly amount: number;
  /** ISO 4217, lower case as Stripe has it. */
  readonly currency: string;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Masked by the API, e.g. `j•••@example.com`; null when Stripe has no address for the buyer. */
  readonly email: string | null;
  /** Always false: a refunded purchase is the error `refunded`. */
  readonly refunded: false;
  readonly downloads: readonly PurchaseDownloadBody[];
}

/** The 202 body of `POST /api/purchases/resend` (and `POST /api/account/link`). */
export interface AcceptedBody {
  readonly status: 'accepted';
}

function isPurchaseDownload(value: unknown): value is PurchaseDownloadBody {
  return (
    isRecord(value) &&
    typeof value.platform === 'string' &&
    typeof value.filename === 'string' &&
    isDownloadPath(value.url)
  );
}

/**
 * Whether `body` is a paid purchase as the contract has it.
 * @param body - the parsed JSON of a 200 answer
 */
export function isPurchaseBody(body: unknown): body is PurchaseBody {
  return (
    isRecord(body) &&
    typeof body.sessionId === 'string' &&
    isText(body.licenseKey) &&
    typeof body.activationCommand === 'string' &&
    isCount(body.amount) &&
    isCurrency(body.currency) &&
    typeof body.createdAt === 'number' &&
    isTextOrNull(body.email) &&
    body.refunded === false &&
    Array.isArray(body.downloads) &&
    body.downloads.every(isPurchaseDownload)
  );
}

/** Whether `body` is the 202 "accepted" body. */
export function isAcceptedBody(body: unknown): body is AcceptedBody {
  return isRecord(body) && body.status === 'accepted';
}

/** 200 of `POST /api/checkout`: Stripe Checkout's page, where the browser goes next. */
export interface CheckoutBody {
  readonly url: string;
}

/** Whether `body` is the checkout answer (an https page; http only on a local stand-in). */
export function isCheckoutBody(body: unknown): body is CheckoutBody {
  return isRecord(body) && typeof body.url === 'string' && /^https?:\/\//.test(body.url);
}
