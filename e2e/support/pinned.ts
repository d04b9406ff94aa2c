/**
 * What the configured site must show for {@link E2E_SECRET}, computed once with the Go reference
 * (an implementation independent of the library the site bundles) and pinned here, so the e2e
 * journeys never check the page against the code that built it. Recompute a value with
 *   node packages/download-keys/scripts/build-go.mjs
 *   DOWNLOAD_SECRET=<E2E_SECRET> packages/download-keys/go/bin/local-memory-ref \
 *     download hash --window W --platform P     (or: license generate --session-id S)
 * Windows: 40648 is 2025-08-24 00:00–12:00 UTC, 40649 the next twelve hours, 40650 Aug 25 AM.
 * @module
 */
import type { Platform } from '@local-memory/download-keys';

const HASHES: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  1: {
    macos: '1ca7091609e6153a',
    windows: '19a0dbcc8417a813',
    linux: 'e5e2ff953bae51aa',
    universal: 'f09bc35f0fc61862',
  },
  40648: {
    macos: 'd24a5601fb5832f7',
    windows: '181ba18dae30c623',
    linux: '1c0bbf54a93fc9b6',
    universal: '8113c3a66fe355a1',
  },
  40649: {
    macos: '2be06a863f7ed6a6',
    windows: 'f0fa81149be816e9',
    linux: 'c52484bf5408f033',
    universal: '1037ebc1dc2a0491',
  },
  40650: {
    macos: '2c70f05b16a6e8bc',
    windows: '9a36ea172d5cd1b7',
    linux: 'eb69d1921bb5342a',
    universal: '2b5fd54cc6c09a7b',
  },
};

const KEYS: Readonly<Record<string, string>> = {
  cs_test_a1ReturnVisit0123456789abcdefABCDEF: 'LM-BF9E-BD3E-C6AD-2B63-94AE',
};

/**
 * The license key the Go reference derives for a session the journeys open.
 * @throws {Error} when none is pinned for that session, saying how to add one
 */
export function pinnedKey(sessionId: string): string {
  const key = KEYS[sessionId];
  if (key === undefined) {
    throw new Error(
      `no pinned license key for ${sessionId}: compute it with the Go reference (see e2e/support/pinned.ts) and add it there`,
    );
  }
  return key;
}

/**
 * The pinned tail `{window}/{hash}/{platform}/{filename}` of a download.
 * @throws {Error} when no value is pinned for that window and platform, saying how to add one
 */
export function pinnedPath(timeWindow: number, platform: Platform): string {
  const hash = HASHES[timeWindow]?.[platform];
  if (hash === undefined) {
    throw new Error(
      `no pinned download hash for window ${timeWindow}, platform ${platform}: compute it with the Go reference (see e2e/support/pinned.ts) and add it there`,
    );
  }
  return `${timeWindow}/${hash}/${platform}/local-memory-${platform}.zip`;
}

/** The pinned same-origin URL of a download, as the configured site links it. */
export function pinnedUrl(timeWindow: number, platform: Platform): string {
  return `/downloads/${pinnedPath(timeWindow, platform)}`;
}
