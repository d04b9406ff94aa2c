import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import SetupSection from './SetupSection';
import { BINARY_PATH, LICENSE_KEY_PLACEHOLDER } from './setupGuide';

const KEY = 'LM-ABCD-EFGH-JKLM-NPQR-STUV';

function section() {
  return screen.getByRole('region', { name: 'Set up and connect your tools' });
}

function liveRegion(): HTMLElement {
  return within(section()).getByRole('status');
}

describe('SetupSection', () => {
  it('starts on the recommended platform and switches on demand', async () => {
    const user = userEvent.setup();
    render(<SetupSection licenseKey={KEY} recommended="windows" />);
    expect(screen.getByRole('radio', { name: 'Windows' })).toBeChecked();
    expect(screen.getByRole('figure', { name: 'Install commands for Windows' })).toHaveTextContent(
      BINARY_PATH.windows,
    );

    await user.click(screen.getByRole('radio', { name: 'Linux' }));
    expect(screen.getByRole('radio', { name: 'Linux' })).toBeChecked();
    expect(screen.queryByRole('figure', { name: 'Install commands for Windows' })).toBeNull();
    expect(screen.getByRole('figure', { name: 'Install commands for Linux' })).toHaveTextContent(
      'sudo mv local-memory-linux /usr/local/bin/local-memory',
    );
  });

  it('defaults to macOS when no platform is recommended (phones)', () => {
    render(<SetupSection licenseKey={KEY} recommended={null} />);
    expect(screen.getByRole('radio', { name: 'macOS' })).toBeChecked();
  });

  it('copies the activation step and a client configuration and announces each', async () => {
    const user = userEvent.setup();
    render(<SetupSection licenseKey={KEY} recommended="macos" />);
    expect(liveRegion()).toHaveAttribute('aria-live', 'polite');
    expect(liveRegion()).toBeEmptyDOMElement();

    await user.click(screen.getByRole('button', { name: 'Copy step 2: Activate' }));
    expect(await navigator.clipboard.readText()).toBe(
      `local-memory license activate '${KEY}' --accept-terms`,
    );
    expect(liveRegion()).toHaveTextContent('Step 2 commands copied to the clipboard');

    await user.click(screen.getByText('Claude Desktop'));
    await user.click(screen.getByRole('button', { name: 'Copy Claude Desktop configuration' }));
    const copied = JSON.parse(await navigator.clipboard.readText());
    expect(copied).toEqual({
      mcpServers: { 'local-memory': { command: '/usr/local/bin/local-memory', args: ['--mcp'] } },
    });
    expect(liveRegion()).toHaveTextContent('Claude Desktop configuration copied to the clipboard');
    expect(
      screen.getByText('~/Library/Application Support/Claude/claude_desktop_config.json'),
    ).toBeVisible();
  });

  it('copies the agent prompt for the chosen platform, with the key once', async () => {
    const user = userEvent.setup();
    render(<SetupSection licenseKey={KEY} recommended="macos" />);
    await user.click(screen.getByRole('radio', { name: 'Windows' }));
    await user.click(screen.getByText('Let your coding agent do it'));
    await user.click(screen.getByRole('button', { name: 'Copy agent prompt' }));
    const prompt = await navigator.clipboard.readText();
    expect(prompt).toMatch(/^Set up Local Memory .* on this Windows computer/);
    expect(prompt.split(KEY)).toHaveLength(2);
    expect(prompt).toContain(BINARY_PATH.windows);
    expect(liveRegion()).toHaveTextContent('Agent prompt copied to the clipboard');
  });

  it('shows the placeholder on the public guide', () => {
    render(<SetupSection licenseKey={LICENSE_KEY_PLACEHOLDER} recommended="linux" />);
    expect(screen.getByRole('figure', { name: 'Activate commands for Linux' })).toHaveTextContent(
      "local-memory license activate 'YOUR-LICENSE-KEY' --accept-terms",
    );
  });
});
