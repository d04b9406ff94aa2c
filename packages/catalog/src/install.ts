/**
 * `@local-memory/catalog/install`: what a buyer downloads, where the program ends up and the
 * command that activates it. Apart from `.` because it brings download-keys' platform table (its
 * `./platforms` entry, no hashing): pages that need only the product's name stay free of it.
 *
 * The ZIP of each platform and the programs inside it are part of the download-link algorithm
 * (docs/algorithms.md, "Download hashes": the file name is the last segment of every URL and S3
 * key), so their one home is download-keys' `PLATFORM_CATALOGUE`; this module adds what the
 * product decides on top: where the install steps put the program.
 * @module
 */
import {
  PLATFORM_CATALOGUE,
  type Platform,
  type PlatformInfo,
} from '@local-memory/download-keys/platforms';
import type { InstallPlatform } from './osNames.js';
import { PRODUCT_COMMAND, PRODUCT_NAME } from './product.js';

/** The command that activates a license (the library spells it, for the key's format checks). */
export { activationCommand } from '@local-memory/download-keys/activation';

/** Every download, keyed by platform: label, ZIP file name and the programs inside it. */
export const DOWNLOADS: Readonly<Record<Platform, PlatformInfo>> = PLATFORM_CATALOGUE;

/** The folder the Windows install steps create and add to `PATH`. */
export const WINDOWS_INSTALL_DIR = `C:\\Program Files\\${PRODUCT_NAME}`;

/** Where the installed program lives, per platform: the path the install steps produce. */
export const INSTALL_PATHS: Readonly<Record<InstallPlatform, string>> =
  /* @__PURE__ */ Object.freeze({
    macos: `/usr/local/bin/${PRODUCT_COMMAND}`,
    windows: `${WINDOWS_INSTALL_DIR}\\${PRODUCT_COMMAND}.exe`,
    linux: `/usr/local/bin/${PRODUCT_COMMAND}`,
  });

/** The program files inside the ZIPs (see {@link DOWNLOADS}' `contents`), by what they run on. */
export const PROGRAM_FILES = /* @__PURE__ */ Object.freeze({
  macosArm: `${PRODUCT_COMMAND}-macos-arm`,
  macosIntel: `${PRODUCT_COMMAND}-macos-intel`,
  windows: `${PRODUCT_COMMAND}-windows.exe`,
  linux: `${PRODUCT_COMMAND}-linux`,
});
