/**
 * The command that activates a license: one spelling for the Success page, its setup guide and
 * the key's email.
 * @module
 */
import { DownloadKeysRangeError, DownloadKeysTypeError } from './errors.js';

const KEY_CHARACTERS = /^[A-Za-z0-9-]+$/;

/**
 * The command that activates a license, with the key in single quotes (safe in bash, zsh and
 * PowerShell alike).
 * @param licenseKey - the buyer's key, or a stand-in such as `YOUR-LICENSE-KEY`
 * @returns `local-memory license activate 'KEY' --accept-terms`
 * @throws {DownloadKeysTypeError} when licenseKey is not a string
 * @throws {DownloadKeysRangeError} when it holds anything but letters, digits and hyphens
 *   (nothing else can appear in a key, and nothing else needs no escaping: anything else is
 *   refused rather than quoted)
 * @example activationCommand('LM-ABCD-EFGH-JKLM-NPQR-STUV')
 */
export function activationCommand(licenseKey: string): string {
  if (typeof licenseKey !== 'string')
    throw new DownloadKeysTypeError(
      'INVALID_LICENSE_KEY',
      'licenseKey',
      `licenseKey must be a string, got ${typeof licenseKey}`,
    );
  if (!KEY_CHARACTERS.test(licenseKey))
    throw new DownloadKeysRangeError(
      'INVALID_LICENSE_KEY',
      'licenseKey',
      'licenseKey must be a license key (letters, digits and hyphens), e.g. LM-ABCD-EFGH-JKLM-NPQR-STUV',
    );
  return `local-memory license activate '${licenseKey}' --accept-terms`;
}
