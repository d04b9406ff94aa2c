/**
 * Device clocks are wrong more often than one would like. The links depend on the time, so the
 * Success page asks the server for its time and uses it when the device clock is off by more
 * than five minutes beyond the measurement's own uncertainty.
 *
 * The time comes from `GET /api/time?nonce=…` (the API in server mode, the CloudFront Function or
 * the preview server in browser mode): a path no cache keeps, asked with a fresh query and
 * `cache: 'no-store'` so no cache can answer with an old copy. Its JSON `unixSeconds` (milliseconds as
 * the fraction) is preferred;
 * failing that, the `Date` header minus any `Age` a cache reports (a cached `Date` is the
 * origin's, possibly hours old). Implausible answers are ignored.
 * @module
 */

/** Beyond this difference (plus the measurement's error bound) the device clock is not trusted. */
export const MAX_TRUSTED_SKEW_MS = 5 * 60 * 1000;

/** The time source: never cached (see the CDN behaviours and the API). */
export const CLOCK_PROBE_PATH = '/api/time';

/** Server times outside this range are garbage, not a clock to correct towards. */
export const PLAUSIBLE_SERVER_TIME_MS = {
  min: Date.UTC(2024, 0, 1),
  max: Date.UTC(2100, 0, 1),
} as const;

/** A `Date` header has whole seconds: its own uncertainty. */
const DATE_HEADER_RESOLUTION_MS = 1000;

/** One measurement of server time − device time. */
export interface SkewSample {
  /** Server time − device time at the request's midpoint, in ms. */
  readonly skewMs: number;
  /** How far off `skewMs` may be: half the round trip, plus the header's resolution. */
  readonly errorBoundMs: number;
  /** Which part of the answer gave the time. */
  readonly from: 'body' | 'date-header';
}

export interface ClockReading {
  /** Milliseconds to add to the device clock; 0 when it is trusted. */
  readonly offsetMs: number;
  /** Where the time comes from. */
  readonly source: 'device' | 'server';
  /** Measured difference server − device, or null when the server's time was not available. */
  readonly measuredSkewMs: number | null;
}

export const DEVICE_CLOCK: ClockReading = { offsetMs: 0, source: 'device', measuredSkewMs: null };

/**
 * Decide which clock to use from one measurement: the server's only when the difference exceeds
 * the error bound plus {@link MAX_TRUSTED_SKEW_MS}.
 * @param sample - a measurement, or null when the server's time is unknown
 */
export function chooseClock(sample: SkewSample | null): ClockReading {
  if (sample === null || !Number.isFinite(sample.skewMs) || !Number.isFinite(sample.errorBoundMs))
    return DEVICE_CLOCK;
  if (Math.abs(sample.skewMs) <= sample.errorBoundMs + MAX_TRUSTED_SKEW_MS)
    return { offsetMs: 0, source: 'device', measuredSkewMs: sample.skewMs };
  return { offsetMs: sample.skewMs, source: 'server', measuredSkewMs: sample.skewMs };
}

function plausible(ms: number): boolean {
  return (
    Number.isFinite(ms) && ms >= PLAUSIBLE_SERVER_TIME_MS.min && ms < PLAUSIBLE_SERVER_TIME_MS.max
  );
}

/** `Age` as a cache sends it: whole non-negative seconds; anything else counts as absent. */
function ageMs(header: string | null): number {
  if (header === null || !/^\d{1,10}$/.test(header.trim())) return 0;
  return Number(header.trim()) * 1000;
}

async function bodyTime(response: Response): Promise<number | null> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return null;
  try {
    const body: unknown = await response.json();
    const unixSeconds =
      typeof body === 'object' && body !== null
        ? (body as { unixSeconds?: unknown }).unixSeconds
        : null;
    if (typeof unixSeconds !== 'number') return null;
    const unixMs = Math.round(unixSeconds * 1000);
    return plausible(unixMs) ? unixMs : null;
  } catch {
    return null;
  }
}

function randomNonce(): string {
  return Math.random().toString(36).slice(2, 12);
}

export interface MeasureOptions {
  readonly fetchImpl?: typeof fetch;
  /** The device clock; tests pass their own. */
  readonly deviceNow?: () => number;
  /** The cache-busting query value; tests pass their own. */
  readonly nonce?: () => string;
  readonly path?: string;
}

/**
 * Measure server time − device time once. Returns null when there is no usable answer
 * (offline, blocked, stripped headers, an implausible time): then the device clock is all there is.
 */
export async function measureServerSkew(options: MeasureOptions = {}): Promise<SkewSample | null> {
  const {
    fetchImpl = fetch,
    deviceNow = Date.now,
    nonce = randomNonce,
    path = CLOCK_PROBE_PATH,
  } = options;
  try {
    const sentAt = deviceNow();
    const response = await fetchImpl(`${path}?nonce=${encodeURIComponent(nonce())}`, {
      method: 'GET',
      cache: 'no-store',
      headers: { accept: 'application/json' },
    });
    const receivedAt = deviceNow();
    const midpoint = (sentAt + receivedAt) / 2;
    const halfRoundTrip = Math.max(0, receivedAt - sentAt) / 2;
    const unixMs = response.ok ? await bodyTime(response) : null;
    if (unixMs !== null) {
      return { skewMs: unixMs - midpoint, errorBoundMs: halfRoundTrip, from: 'body' };
    }
    const header = response.headers.get('date');
    if (header === null) return null;
    const stamped = Date.parse(header);
    if (!plausible(stamped)) return null;
    // A cache's copy carries the origin's Date; Age says how long ago that was.
    const serverMs = stamped + ageMs(response.headers.get('age')) + DATE_HEADER_RESOLUTION_MS / 2;
    if (!plausible(serverMs)) return null;
    return {
      skewMs: serverMs - midpoint,
      errorBoundMs: halfRoundTrip + DATE_HEADER_RESOLUTION_MS / 2,
      from: 'date-header',
    };
  } catch {
    return null;
  }
}
