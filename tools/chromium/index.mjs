// The browser every browser-driving tool here uses (Playwright, Lighthouse): Debian's Chromium,
// never a downloaded one, with flags for a headless, offline, quiet run.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium features no run here needs. Since Chromium 14x every new window (Playwright opens one
 * per browser context, so one per test) loads the omnibox's suggestion popup as a WebUI page,
 * chrome://omnibox-popup.top-chrome/, in a renderer of its own, though a headless window never
 * shows an omnibox. Opening 30 contexts took 45–50 CPU-seconds with it and 20–21 without
 * (Chromium 156, quiet 2-core machine, two runs each).
 */
export const UNNEEDED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/**
 * The features Playwright 1.65 turns off itself (its `chromiumSwitches`). Chromium keeps only the
 * last `--disable-features` it is given, so a list of ours must repeat these or it would switch
 * them back on (among them ThirdPartyStoragePartitioning and PaintHolding, which the journeys rely
 * on). index.test.mjs compares this list with what Playwright really passes.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AimEnabled',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsFirstBalancedModeAutoEnable',
  'HttpsUpgrades',
  'LensOverlay',
  'MediaRouter',
  'NetworkTimeServiceQuerying',
  'OptimizationHints',
  'PaintHolding',
  'PreconnectToSearch',
  'TcpPortRandomizationWin',
  'ThirdPartyStoragePartitioning',
  'msEdgeUpdateLaunchServicesPreferredVersion',
  'msForceBrowserSignIn',
];

/** {@link CHROMIUM_ARGS} for a browser Playwright launches, with {@link UNNEEDED_FEATURES} off. */
export const PLAYWRIGHT_ARGS = [
  ...CHROMIUM_ARGS,
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...UNNEEDED_FEATURES].join(',')}`,
];
