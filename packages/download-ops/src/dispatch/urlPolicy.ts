/**
 * Which artifact URLs may be fetched: `https:` only, on the first request and every redirect hop.
 * The composition root may pass a wider policy (tests: `file:` and loopback `http:`).
 * @module
 */
import { OpsError } from '../errors.js';

/** How artifacts may be fetched. The two `allow*` switches exist for tests only. */
export interface FetchPolicy {
  /** Test only: accept `file://` URLs (never in production: any file on the runner could be read). */
  readonly allowFileUrls?: boolean;
  /** Test only: accept `http://` to 127.0.0.1, ::1 or localhost (loopback test servers). */
  readonly allowLoopbackHttp?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Check that a URL (the first or any redirect hop) may be fetched: `https:` only, unless a test
 * switch allows `file:` or loopback `http:`.
 * @param url - the URL about to be requested
 * @param policy - test switches
 * @returns the parsed URL
 * @throws {OpsError} UNSAFE_URL
 */
export function assertFetchableUrl(url: string, policy: FetchPolicy = {}): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OpsError(`${JSON.stringify(url)} is not a URL`, 'UNSAFE_URL');
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'file:' && policy.allowFileUrls) return parsed;
  if (parsed.protocol === 'http:' && policy.allowLoopbackHttp && LOOPBACK.has(parsed.hostname))
    return parsed;
  throw new OpsError(
    `refusing to fetch ${parsed.protocol}//${parsed.host}${parsed.pathname}: artifacts are fetched over https:// only, on every redirect hop`,
    'UNSAFE_URL',
  );
}
