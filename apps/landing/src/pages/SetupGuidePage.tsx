import { useEffect, useState } from 'react';
import { SiteLink } from '../components/SiteLink';
import { usePageMeta } from '../components/usePageMeta';
import { type DesktopPlatform, detectPlatform } from '../features/downloads/detectPlatform';
import SetupSection from '../features/setup/SetupSection';
import { LICENSE_KEY_PLACEHOLDER } from '../features/setup/setupGuide';

/** `/docs/setup`: the Success page's setup guide, public and without a key. */
export default function SetupGuidePage() {
  usePageMeta(
    'Set up Local Memory and connect your AI tools · Local Memory',
    'Install and activate Local Memory on macOS, Windows or Linux, add Ollama for semantic search, and connect Claude Code, Claude Desktop, VS Code, Cursor and Windsurf over MCP.',
  );
  // Detected after the first render, so a prerendered page and its hydration agree.
  const [recommended, setRecommended] = useState<DesktopPlatform | null>(null);
  useEffect(() => setRecommended(detectPlatform(navigator)), []);
  return (
    <div className="container narrow">
      <h1>Set up Local Memory and connect your AI tools</h1>
      <p className="lead">
        Install the program, activate it with your license key, and connect the AI tools you use.
        Your key is on the page you reached after paying: use it where this guide says{' '}
        <code>{LICENSE_KEY_PLACEHOLDER}</code>, or follow the same guide on that page, with your key
        filled in.
      </p>
      <p>
        No key yet? <SiteLink to="/pricing">See pricing</SiteLink>.
      </p>
      <SetupSection
        key={recommended ?? 'none'}
        licenseKey={LICENSE_KEY_PLACEHOLDER}
        recommended={recommended}
      />
    </div>
  );
}
