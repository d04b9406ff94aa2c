/**
 * What a buyer downloads and where the program ends up. The ZIP of each platform and the
 * programs inside it are part of the download-link algorithm (docs/algorithms.md, "Download
 * hashes": the file name is the last segment of every URL and S3 key), so their one home is
 * `@local-memory/download-keys`' `PLATFORM_CATALOGUE`; this module adds what the product decides
 * on top: where the install steps put the program.
 * @module
 */
import { PLATFORM_CATALOGUE, type Platform, type PlatformInfo } from '@local-memory/download-keys';
import { PRODUCT_COMMAND, PRODUCT_NAME } from './product.js';

/** Every download, keyed by platform: label, ZIP file name and the programs inside it. */
export const DOWNLOADS: Readonly<Record<Platform, PlatformInfo>> = PLATFORM_CATALOGUE;

/** The platforms the program is installed on (the universal ZIP serves them all). */
export type InstallPlatform = Exclude<Platform, 'universal'>;

/** The folder the Windows install steps create and add to `PATH`. */
export const WINDOWS_INSTALL_DIR = `C:\\Program Files\\${PRODUCT_NAME}`;

/** Where the installed program lives, per platform: the path the install steps produce. */
export const INSTALL_PATHS: Readonly<Record<InstallPlatform, string>> = Object.freeze({
  macos: `/usr/local/bin/${PRODUCT_COMMAND}`,
  windows: `${WINDOWS_INSTALL_DIR}\\${PRODUCT_COMMAND}.exe`,
  linux: `/usr/local/bin/${PRODUCT_COMMAND}`,
});

/** The short operating-system names link text and the setup guide use. */
export const OS_NAMES: Readonly<Record<InstallPlatform, string>> = Object.freeze({
  macos: 'macOS',
  windows: 'Windows',
  linux: 'Linux',
});

/** The program files inside the ZIPs (see {@link DOWNLOADS}' `contents`), by what they run on. */
export const PROGRAM_FILES = Object.freeze({
  macosArm: `${PRODUCT_COMMAND}-macos-arm`,
  macosIntel: `${PRODUCT_COMMAND}-macos-intel`,
  windows: `${PRODUCT_COMMAND}-windows.exe`,
  linux: `${PRODUCT_COMMAND}-linux`,
});
