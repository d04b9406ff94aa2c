/**
 * Which download to recommend. Desktop macOS, Windows and Linux get their own ZIP first; phones,
 * tablets and anything unrecognised get no recommendation (the customer picks).
 * @module
 */
import type { Platform } from '@local-memory/download-keys';

export type DesktopPlatform = Extract<Platform, 'macos' | 'windows' | 'linux'>;

/** The parts of `navigator` detection reads; tests pass their own. */
export interface NavigatorLike {
  readonly userAgent: string;
  readonly platform?: string;
  readonly maxTouchPoints?: number;
  readonly userAgentData?: { readonly platform?: string; readonly mobile?: boolean };
}

/**
 * @param nav - `navigator`
 * @returns the desktop platform, or null for mobile and unknown devices
 */
export function detectPlatform(nav: NavigatorLike): DesktopPlatform | null {
  const hints = nav.userAgentData;
  if (hints?.mobile === true) return null;
  const ua = nav.userAgent;
  if (/Android|iPhone|iPad|iPod|Mobile|CrOS/i.test(ua)) return null;
  const name = `${hints?.platform ?? ''} ${nav.platform ?? ''} ${ua}`;
  if (/Win/i.test(name)) return 'windows';
  if (/Mac/i.test(name)) {
    // iPadOS presents itself as a Mac; a Mac has no multi-touch screen.
    return (nav.maxTouchPoints ?? 0) > 1 ? null : 'macos';
  }
  if (/Linux|X11/i.test(name)) return 'linux';
  return null;
}

/** The short operating-system name used in link text. */
export const OS_NAME: Readonly<Record<DesktopPlatform, string>> = {
  macos: 'macOS',
  windows: 'Windows',
  linux: 'Linux',
};
