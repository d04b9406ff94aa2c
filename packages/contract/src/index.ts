/**
 * @local-memory/contract — the API's wire contract: what each route answers, the error body and
 * its codes, and the guards a client reads bodies with. See README.md.
 * @module
 */
export {
  type AccountBody,
  type AccountDownloadBody,
  type AccountPurchaseBody,
  isAccountBody,
  isAccountPurchaseBody,
  isReleaseBody,
  isSessionBody,
  isWebUrl,
  type LicenseBody,
  type MachineBody,
  type PaidPurchaseBody,
  type RefundedPurchaseBody,
  type ReleaseBody,
  type SessionBody,
} from './account.js';
export {
  ACCOUNT_ERROR_CODES,
  type AccountErrorCode,
  type ApiErrorCode,
  apiErrorCodes,
  CHECKOUT_ERROR_CODES,
  type CheckoutErrorCode,
  type ErrorBody,
  FULFILMENT_ERROR_CODES,
  type FulfilmentErrorCode,
  LICENSING_ERROR_CODES,
  type LicensingErrorCode,
  PURCHASE_LOOKUP_ERROR_CODES,
  type PurchaseLookupErrorCode,
  REQUEST_ERROR_CODES,
  type RequestErrorCode,
  readError,
  WEBHOOK_ERROR_CODES,
  type WebhookErrorCode,
} from './errors.js';
export {
  isCount,
  isCurrency,
  isDownloadPath,
  isFiniteNumber,
  isRecord,
  isText,
  isTextOrNull,
} from './guards.js';
export {
  type ActivationBody,
  type DeactivatedBody,
  isDeactivatedBody,
  isLeaseBody,
  isTimeBody,
  type LeaseBody,
  type TimeBody,
} from './licenses.js';
export {
  type AcceptedBody,
  type CheckoutBody,
  isAcceptedBody,
  isCheckoutBody,
  isPurchaseBody,
  type PurchaseBody,
  type PurchaseDownloadBody,
} from './purchases.js';
