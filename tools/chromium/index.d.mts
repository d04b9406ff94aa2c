/** The browser binary: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH: string;
/** Flags for a headless, offline, quiet run. */
export const CHROMIUM_ARGS: readonly string[];
/** Chromium features no run here needs (the WebUI omnibox popup every new window loads). */
export const UNNEEDED_FEATURES: readonly string[];
/** The features Playwright turns off itself, which a `--disable-features` of ours must repeat. */
export const PLAYWRIGHT_DISABLED_FEATURES: readonly string[];
/** CHROMIUM_ARGS for a browser Playwright launches, with UNNEEDED_FEATURES off. */
export const PLAYWRIGHT_ARGS: readonly string[];
