/**
 * The activation command, alone in a module: the Success page shows it on first paint, while the
 * rest of the setup guide loads lazily.
 * @module
 */

const KEY_CHARACTERS = /^[A-Za-z0-9-]+$/;

function assertKey(licenseKey: string): void {
  if (typeof licenseKey !== 'string') {
    throw new TypeError(`licenseKey must be a string, got ${typeof licenseKey}`);
  }
  if (!KEY_CHARACTERS.test(licenseKey)) {
    throw new RangeError(
      'licenseKey must be a license key (letters, digits and hyphens), e.g. LM-ABCD-EFGH-JKLM-NPQR-STUV',
    );
  }
}

/**
 * The command that activates a license, with the key in single quotes (safe in bash, zsh and
 * PowerShell alike).
 * @param licenseKey - the buyer's key, or `YOUR-LICENSE-KEY`
 * @returns `local-memory license activate 'KEY' --accept-terms`
 * @throws TypeError when licenseKey is not a string; RangeError when it holds anything but
 *   letters, digits and hyphens (nothing else can appear in a key, and nothing else needs no escaping)
 * @example activationCommand('LM-ABCD-EFGH-JKLM-NPQR-STUV')
 */
export function activationCommand(licenseKey: string): string {
  assertKey(licenseKey);
  return `local-memory license activate '${licenseKey}' --accept-terms`;
}
