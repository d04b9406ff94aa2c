/**
 * The API's `/api/account` endpoints as /account sees them (docs: the account contract). Every
 * answer becomes one of a fixed set of outcomes, decided by the error's `code` (never by the
 * status alone); a body that is not what the contract says is treated like an unreachable
 * server, never shown half-filled. Nothing the server or the network does throws past here.
 * @module
 */
/** Where the API answers the account: same-origin, which the dev and preview servers proxy. */
export const ACCOUNT_PATH = '/api/account';

/**
 * One download of a paid purchase; `url` is the API's own `/api/downloads/…`, checked per click.
 * The platform is the API's name for it (the downloads list leaves out any it does not know).
 */
export interface AccountDownload {
  readonly platform: string;
  readonly label: string;
  /** The ZIP's name when the API gives it; the download's own header names it anyway. */
  readonly filename: string | null;
  readonly url: string;
}

/** A machine a license is activated on. */
export interface Machine {
  /** The machine id (22 base64url characters): what a release names. */
  readonly machine: string;
  /** The name the machine gave when it was activated; null when it gave none. */
  readonly name: string | null;
  readonly platform: string;
  /** Unix seconds. */
  readonly lastSeen: number;
}

/** A purchase's licensing record: its seats and the machines on them. */
export interface License {
  readonly licenseId: string;
  readonly max: number;
  readonly used: number;
  /** Releases still allowed in the current 30-day window. */
  readonly releasesLeft: number;
  readonly machines: readonly Machine[];
}

interface PurchaseFacts {
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

/** A paid purchase: everything it gives. */
export interface PaidPurchase extends PurchaseFacts {
  readonly status: 'paid';
  readonly licenseKey: string;
  readonly activationCommand: string;
  readonly downloads: readonly AccountDownload[];
  /** null when no licensing record exists (licensing not configured). */
  readonly license: License | null;
}

/** A refunded purchase: shown as refunded, offering nothing. */
export interface RefundedPurchase extends PurchaseFacts {
  readonly status: 'refunded';
}

export type AccountPurchase = PaidPurchase | RefundedPurchase;

/** The signed-in address and its purchases, newest first. */
export interface Account {
  readonly email: string;
  readonly purchases: readonly AccountPurchase[];
}

/**
 * `not-configured`: this deployment runs without accounts (the API answers
 * `account_not_configured`); the page then points to the key email instead.
 */
export type LinkOutcome =
  | 'accepted'
  | 'invalid'
  | 'rate-limited'
  | 'refused'
  | 'not-configured'
  | 'unreachable';

export type SessionOutcome =
  | { readonly kind: 'signed-in'; readonly email: string; readonly expiresAt: number }
  | { readonly kind: 'link-expired' }
  | { readonly kind: 'link-used' }
  | { readonly kind: 'link-unknown' }
  | { readonly kind: 'rate-limited' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'not-configured' }
  | { readonly kind: 'unreachable' };

export type AccountOutcome =
  | { readonly kind: 'account'; readonly account: Account }
  | { readonly kind: 'not-signed-in' }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'rate-limited' }
  | { readonly kind: 'not-configured' }
  | { readonly kind: 'unreachable' };

export type ReleaseOutcome =
  | { readonly kind: 'released'; readonly purchase: AccountPurchase }
  /** `nextReleaseAt`: unix seconds when the oldest release leaves the 30 days (Retry-After). */
  | { readonly kind: 'release-limit'; readonly nextReleaseAt: number | null }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-signed-in' }
  | { readonly kind: 'rate-limited' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'unreachable' };

export type SignOutOutcome = 'signed-out' | 'unreachable';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Only a web page may be linked: never `javascript:` or any other scheme from a body. */
function webUrl(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string') return undefined;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:' ? value : undefined;
  } catch {
    return undefined;
  }
}

function parseDownloads(value: unknown): AccountDownload[] | null {
  if (!Array.isArray(value)) return null;
  const downloads: AccountDownload[] = [];
  for (const entry of value) {
    if (
      !isRecord(entry) ||
      typeof entry.platform !== 'string' ||
      !isText(entry.label) ||
      typeof entry.href !== 'string' ||
      // Only our own download route: a link this page renders must never leave the site.
      !entry.href.startsWith('/api/downloads/') ||
      (entry.filename !== undefined && !isText(entry.filename))
    )
      return null;
    downloads.push({
      platform: entry.platform,
      label: entry.label,
      filename: entry.filename ?? null,
      url: entry.href,
    });
  }
  return downloads;
}

function parseMachine(value: unknown): Machine | null {
  if (!isRecord(value)) return null;
  const { machine, name, platform, lastSeen } = value;
  if (!isText(machine) || (typeof name !== 'string' && name !== null)) return null;
  if (typeof platform !== 'string') return null;
  if (typeof lastSeen !== 'number' || !Number.isFinite(lastSeen)) return null;
  return { machine, name, platform, lastSeen };
}

function parseLicense(value: unknown): License | null | undefined {
  if (value === null) return null;
  if (!isRecord(value) || !Array.isArray(value.machines)) return undefined;
  const { licenseId, max, used, releasesLeft } = value;
  if (!isText(licenseId) || !isCount(max) || !isCount(used) || !isCount(releasesLeft))
    return undefined;
  const machines = value.machines.map(parseMachine);
  if (machines.some((m) => m === null)) return undefined;
  return { licenseId, max, used, releasesLeft, machines: machines as Machine[] };
}

/**
 * Check the shape of one purchase from the API.
 * @param value - one entry of `purchases`, or a release's `purchase`
 * @returns the purchase, or null when the value is not one
 */
export function parseAccountPurchase(value: unknown): AccountPurchase | null {
  if (!isRecord(value)) return null;
  const { sessionId, createdAt, amount, currency, status } = value;
  const receiptUrl = webUrl(value.receiptUrl ?? null);
  if (
    !isText(sessionId) ||
    typeof createdAt !== 'number' ||
    !Number.isFinite(createdAt) ||
    !isCount(amount) ||
    typeof currency !== 'string' ||
    !/^[a-z]{3}$/i.test(currency) ||
    receiptUrl === undefined
  )
    return null;
  const facts = { sessionId, createdAt, amount, currency, receiptUrl };
  if (status === 'refunded') return { ...facts, status };
  if (status !== 'paid') return null;
  const { licenseKey, activationCommand } = value;
  const downloads = parseDownloads(value.downloads);
  const license = parseLicense(value.license ?? null);
  if (!isText(licenseKey) || !isText(activationCommand) || downloads === null) return null;
  if (license === undefined) return null;
  return { ...facts, status, licenseKey, activationCommand, downloads, license };
}

/**
 * Check the shape of `GET /api/account`'s 200 body.
 * @returns the account with its purchases newest first, or null when the body is not one
 */
export function parseAccount(body: unknown): Account | null {
  if (!isRecord(body) || !isText(body.email) || !Array.isArray(body.purchases)) return null;
  const purchases = body.purchases.map(parseAccountPurchase);
  if (purchases.some((p) => p === null)) return null;
  return {
    email: body.email,
    purchases: (purchases as AccountPurchase[]).sort((a, b) => b.createdAt - a.createdAt),
  };
}

/** When `Retry-After` (seconds) says to try again, as unix seconds; null without one. */
function retryAt(response: Response, nowSeconds: number): number | null {
  const header = response.headers.get('retry-after');
  const seconds = header === null ? Number.NaN : Number(header.trim());
  return Number.isFinite(seconds) && seconds >= 0 ? nowSeconds + seconds : null;
}

/** The `code` of the API's error body (`{ "error": { "code", "message" } }`), or null. */
async function errorCode(response: Response): Promise<string | null> {
  const body: unknown = await response.json().catch(() => null);
  if (!isRecord(body) || !isRecord(body.error)) return null;
  return typeof body.error.code === 'string' ? body.error.code : null;
}

async function send(
  path: string,
  init: { readonly method?: 'POST'; readonly body?: unknown } = {},
): Promise<Response | null> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      cache: 'no-store',
      credentials: 'same-origin',
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    return null;
  }
}

/**
 * Ask for a sign-in link. The API answers the same for a buyer and a stranger, and so does the page.
 * @param email - the address the customer typed
 */
export async function requestSignInLink(email: string): Promise<LinkOutcome> {
  const response = await send(`${ACCOUNT_PATH}/link`, { method: 'POST', body: { email } });
  if (response === null) return 'unreachable';
  if (response.status === 202) return 'accepted';
  switch (await errorCode(response)) {
    case 'invalid_request':
      return 'invalid';
    case 'rate_limited':
      return 'rate-limited';
    case 'cross_site':
      return 'refused';
    case 'account_not_configured':
      return 'not-configured';
    default:
      return 'unreachable';
  }
}

/**
 * Trade the link's token for a session (the API sets the session cookie).
 * @param link - the token from the address's `#link=` fragment
 */
export async function startSession(link: string): Promise<SessionOutcome> {
  const response = await send(`${ACCOUNT_PATH}/session`, { method: 'POST', body: { link } });
  if (response === null) return { kind: 'unreachable' };
  if (response.status === 200) {
    const body: unknown = await response.json().catch(() => null);
    if (isRecord(body) && isText(body.email) && isCount(body.expiresAt))
      return { kind: 'signed-in', email: body.email, expiresAt: body.expiresAt };
    return { kind: 'unreachable' };
  }
  switch (await errorCode(response)) {
    case 'link_expired':
      return { kind: 'link-expired' };
    case 'link_used':
      return { kind: 'link-used' };
    // A token that is cut short or altered is, for the buyer, a link we do not know.
    case 'link_unknown':
    case 'invalid_request':
      return { kind: 'link-unknown' };
    case 'rate_limited':
      return { kind: 'rate-limited' };
    case 'cross_site':
      return { kind: 'refused' };
    case 'account_not_configured':
      return { kind: 'not-configured' };
    default:
      return { kind: 'unreachable' };
  }
}

/** The signed-in address's purchases (the session cookie goes with the request). */
export async function fetchAccount(): Promise<AccountOutcome> {
  const response = await send(ACCOUNT_PATH);
  if (response === null) return { kind: 'unreachable' };
  if (response.status === 200) {
    const account = parseAccount(await response.json().catch(() => null));
    return account === null ? { kind: 'unreachable' } : { kind: 'account', account };
  }
  switch (await errorCode(response)) {
    case 'not_signed_in':
      return { kind: 'not-signed-in' };
    case 'unavailable':
      return { kind: 'unavailable' };
    case 'rate_limited':
      return { kind: 'rate-limited' };
    case 'account_not_configured':
      return { kind: 'not-configured' };
    default:
      return { kind: 'unreachable' };
  }
}

/**
 * Free a seat: release one machine from a license of the signed-in address.
 * @returns the updated purchase when released
 */
export async function releaseMachine(
  licenseId: string,
  machine: string,
  nowSeconds: number,
): Promise<ReleaseOutcome> {
  const response = await send(`${ACCOUNT_PATH}/machines/release`, {
    method: 'POST',
    body: { licenseId, machine },
  });
  if (response === null) return { kind: 'unreachable' };
  if (response.status === 200) {
    const body: unknown = await response.json().catch(() => null);
    const purchase = isRecord(body) ? parseAccountPurchase(body.purchase) : null;
    return purchase === null ? { kind: 'unreachable' } : { kind: 'released', purchase };
  }
  switch (await errorCode(response)) {
    case 'release_limit':
      return { kind: 'release-limit', nextReleaseAt: retryAt(response, nowSeconds) };
    case 'not_found':
      return { kind: 'not-found' };
    case 'not_signed_in':
      return { kind: 'not-signed-in' };
    case 'rate_limited':
      return { kind: 'rate-limited' };
    case 'cross_site':
      return { kind: 'refused' };
    default:
      return { kind: 'unreachable' };
  }
}

/** End the session on the server. A session that had already ended counts as signed out. */
export async function signOut(): Promise<SignOutOutcome> {
  const response = await send(`${ACCOUNT_PATH}/signout`, { method: 'POST' });
  if (response === null) return 'unreachable';
  if (response.status === 204) return 'signed-out';
  return (await errorCode(response)) === 'not_signed_in' ? 'signed-out' : 'unreachable';
}
