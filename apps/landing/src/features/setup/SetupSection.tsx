import { useId, useMemo, useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import {
  SETUP_PLATFORM_NAME,
  SETUP_PLATFORMS,
  type SetupPlatform,
  type Snippet,
  setupGuide,
  snippetText,
} from './setupGuide';

export interface SetupSectionProps {
  /** The buyer's key, or LICENSE_KEY_PLACEHOLDER on the public guide. */
  readonly licenseKey: string;
  /** The platform of the recommended download; the switch starts there (macOS when unknown). */
  readonly recommended: SetupPlatform | null;
}

function SnippetBlock({ snippet, label }: { snippet: Snippet; label: string }) {
  return (
    <figure className="command snippet" aria-label={label}>
      <pre>
        <code>{snippetText(snippet)}</code>
      </pre>
    </figure>
  );
}

interface Announcement {
  readonly at: string;
  readonly message: string;
}

/**
 * A copy button with its own polite live region right beside it, so the confirmation shows where
 * the buyer is looking; only the row last used says anything.
 */
function CopyRow({
  id,
  text,
  label,
  copiedMessage,
  announcement,
  onAnnounce,
}: {
  id: string;
  text: string;
  label: string;
  copiedMessage: string;
  announcement: Announcement | null;
  onAnnounce: (announcement: Announcement) => void;
}) {
  return (
    <div className="copy-row">
      <div className="actions">
        <CopyButton
          text={text}
          label={label}
          copiedMessage={copiedMessage}
          onResult={(message) => onAnnounce({ at: id, message })}
        />
      </div>
      <p className="status" role="status" aria-live="polite">
        {announcement?.at === id ? announcement.message : ''}
      </p>
    </div>
  );
}

/**
 * "Set up and connect your tools": install, activate, prerequisites and checks for one operating
 * system, the MCP configuration of each AI client, and a prompt for a coding agent, all generated
 * by setupGuide(). Works with the buyer's key (Success page) and with a placeholder (/docs/setup).
 */
export default function SetupSection({ licenseKey, recommended }: SetupSectionProps) {
  const [platform, setPlatform] = useState<SetupPlatform>(recommended ?? 'macos');
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const guide = useMemo(() => setupGuide(platform, licenseKey), [platform, licenseKey]);
  const headingId = useId();
  const name = SETUP_PLATFORM_NAME[platform];

  return (
    <section className="card setup" aria-labelledby={headingId}>
      <h2 id={headingId}>Set up and connect your tools</h2>
      <fieldset className="platform-switch">
        <legend>Your computer</legend>
        {SETUP_PLATFORMS.map((p) => (
          <label key={p}>
            <input
              type="radio"
              name={`${headingId}-platform`}
              value={p}
              checked={p === platform}
              onChange={() => {
                setPlatform(p);
                setAnnouncement(null);
              }}
            />{' '}
            {SETUP_PLATFORM_NAME[p]}
          </label>
        ))}
      </fieldset>

      <ol className="setup-steps">
        {guide.steps.map((step, index) => (
          <li key={step.id}>
            <h3>{step.title}</h3>
            <p>{step.text}</p>
            <SnippetBlock snippet={step.snippet} label={`${step.title} commands for ${name}`} />
            <CopyRow
              id={step.id}
              text={snippetText(step.snippet)}
              label={`Copy step ${index + 1}: ${step.title}`}
              copiedMessage={`Step ${index + 1} commands copied to the clipboard`}
              announcement={announcement}
              onAnnounce={setAnnouncement}
            />
            {step.note ? <p className="setup-note">{step.note}</p> : null}
          </li>
        ))}
      </ol>

      <h3>Connect your AI tools</h3>
      <p>
        Local Memory speaks MCP over stdio: each tool starts <code>{guide.binaryPath} --mcp</code>{' '}
        itself.
      </p>
      {guide.clients.map((client) => (
        <details key={client.id} className="client">
          <summary>{client.name}</summary>
          <p>
            {client.text}
            {client.file ? (
              <>
                {' '}
                <code>{client.file}</code>
              </>
            ) : null}
          </p>
          <SnippetBlock
            snippet={client.snippet}
            label={`${client.name} configuration for ${name}`}
          />
          <CopyRow
            id={client.id}
            text={snippetText(client.snippet)}
            label={`Copy ${client.name} configuration`}
            copiedMessage={`${client.name} configuration copied to the clipboard`}
            announcement={announcement}
            onAnnounce={setAnnouncement}
          />
        </details>
      ))}

      <details className="client">
        <summary>Let your coding agent do it</summary>
        <p>
          Paste this into Claude Code, Cursor or another coding agent on your {name} computer. It
          holds your license key, so keep it to yourself.
        </p>
        <figure className="command snippet" aria-label={`Agent prompt for ${name}`}>
          <pre>
            <code>{guide.agentPrompt}</code>
          </pre>
        </figure>
        <CopyRow
          id="agent-prompt"
          text={guide.agentPrompt}
          label="Copy agent prompt"
          copiedMessage="Agent prompt copied to the clipboard"
          announcement={announcement}
          onAnnounce={setAnnouncement}
        />
      </details>
    </section>
  );
}
