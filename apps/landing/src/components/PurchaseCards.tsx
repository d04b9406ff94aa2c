import { CopyWithAnnouncement } from './CopyButton';

/**
 * The license key card: the key, a copy button and the live region that announces the copy.
 * The same card in both fulfilment modes, so the key looks and reads the same wherever it came from.
 */
export function LicenseKeyCard({ licenseKey }: { licenseKey: string }) {
  return (
    <section className="card" aria-labelledby="key-heading">
      <h2 id="key-heading">Your license key</h2>
      <output aria-label="License key" className="license-key">
        {licenseKey}
      </output>
      <CopyWithAnnouncement
        text={licenseKey}
        label="Copy license key"
        copiedMessage="License key copied to the clipboard"
      />
    </section>
  );
}

/**
 * "Activate it": the activation command with its own copy button and live region. It follows the
 * downloads (installing comes first), so the key and the primary download share a phone's first
 * screen.
 */
export function ActivationCard({ command }: { command: string }) {
  return (
    <section className="card" aria-labelledby="activate-heading">
      <h2 id="activate-heading">Activate it</h2>
      <p>After installing, run this once in a terminal:</p>
      <figure className="command" aria-label="Activation command">
        <code>{command}</code>
      </figure>
      <CopyWithAnnouncement
        text={command}
        label="Copy activation command"
        copiedMessage="Activation command copied to the clipboard"
      />
    </section>
  );
}
