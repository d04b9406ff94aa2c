/**
 * What a server-mode build gets instead of browserFulfilment.ts: the same names, no derivation
 * code. In server mode the Success page never calls them (the API answers with the key and the
 * links), so reaching one is a wiring bug, reported as such rather than with a made-up key.
 * @module
 */
import type {
  generateLicenseKey as deriveKey,
  downloadLinks as deriveLinks,
} from '@local-memory/download-keys';

function notInServerMode(name: string): never {
  throw new Error(
    `${name} is not part of a server-mode build: keys and download links come from the API.`,
  );
}

/** Not available in server mode; always throws. */
export const generateLicenseKey: typeof deriveKey = () => notInServerMode('generateLicenseKey');

/** Not available in server mode; always throws. */
export const downloadLinks: typeof deriveLinks = () => notInServerMode('downloadLinks');
