/**
 * Device clocks are wrong more often than one would like. The links depend on the time, so the
 * Success page compares the device clock with the `Date` header of a same-origin request and uses
 * the server's time when the two differ by more than five minutes.
 * @module
 */

/** Beyond this difference the device clock is not trusted. */
export const MAX_TRUSTED_SKEW_MS = 5 * 60 * 1000;

/** A small same-origin file that every deployment serves. */
export const CLOCK_PROBE_PATH = '/robots.txt';

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
 * Decide which clock to use from one measured skew.
 * @param skewMs - server time − device time, or null when unknown
 */
export function chooseClock(skewMs: number | null): ClockReading {
  if (skewMs === null || !Number.isFinite(skewMs)) return DEVICE_CLOCK;
  if (Math.abs(skewMs) <= MAX_TRUSTED_SKEW_MS)
    return { offsetMs: 0, source: 'device', measuredSkewMs: skewMs };
  return { offsetMs: skewMs, source: 'server', measuredSkewMs: skewMs };
}

/**
 * Measure server time − device time from the `Date` header of a HEAD request, taking the
 * request's midpoint as the moment the server stamped it. Returns null when there is no usable
 * header (offline, blocked, stripped by a proxy): then the device clock is all there is.
 */
export async function measureServerSkew(
  fetchImpl: typeof fetch = fetch,
  deviceNow: () => number = Date.now,
  path: string = CLOCK_PROBE_PATH,
): Promise<number | null> {
  try {
    const sentAt = deviceNow();
    const response = await fetchImpl(path, { method: 'HEAD', cache: 'no-store' });
    const receivedAt = deviceNow();
    const header = response.headers.get('date');
    if (header === null) return null;
    const serverMs = Date.parse(header);
    if (Number.isNaN(serverMs)) return null;
    // The header has whole seconds: add half a second to centre the error.
    return serverMs + 500 - (sentAt + receivedAt) / 2;
  } catch {
    return null;
  }
}
