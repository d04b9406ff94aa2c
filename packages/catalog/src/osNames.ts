/**
 * The desktop platforms by name, for link text and the setup guide. Apart from `./install` so
 * that platform detection on first paint carries nothing else.
 * @module
 */

/** The platforms the program is installed on (the universal ZIP serves them all). */
export type InstallPlatform = 'macos' | 'windows' | 'linux';

/** The short operating-system names link text and the setup guide use. */
export const OS_NAMES: Readonly<Record<InstallPlatform, string>> = /* @__PURE__ */ Object.freeze({
  macos: 'macOS',
  windows: 'Windows',
  linux: 'Linux',
});
