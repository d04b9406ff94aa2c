/** The browser binary: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH: string;
/** Flags for a headless, offline, quiet run. */
export const CHROMIUM_ARGS: readonly string[];
