import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import SetupSection from './SetupSection';
import { BINARY_PATH, LICENSE_KEY_PLACEHOLDER } from './setupGuide';

const KEY = 'LM-ABCD-EFGH-JKLM-NPQR-STUV';

function section() {
  return screen.getByRole('region', { name: 'Set up and connect your tools' });
}

/** What the section's live regions say: only the one beside the last copy button speaks. */
function announcements(): string[] {
  const regions = within(section()).getAllByRole('status');
  for (const region of regions) expect(region).toHaveAttribute('aria-live', 'polite');
  return regions.map((r) => r.textContent ?? '').filter((text) => text !== '');
}

/** The live region right after a copy button. */
function regionBeside(button: HTMLElement): HTMLElement {
  const row = button.closest('.copy-row');
  if (!(row instanceof HTMLElement)) throw new Error('copy button outside a copy row');
  return within(row).getByRole('status');
}

describe('SetupSection', () => {
  it('starts on the recommended platform and switches on demand', async () => {
    const user = userEvent.setup();
    render(<SetupSection licenseKey={KEY} recommended="windows" />);
    expect(screen.getByRole('radio', { name: 'Windows' })).toBeChecked();
    expect(screen.getByRole('figure', { name: 'Install commands for Windows' })).toHaveTextContent(
      BINARY_PATH.windows,
    );

    await user.click(screen.getByRole('button', { name: 'Copy step 1: Install' }));
    expect(announcements()).toEqual(['Step 1 commands copied to the clipboard']);

    await user.click(screen.getByRole('radio', { name: 'Linux' }));
    expect(screen.getByRole('radio', { name: 'Linux' })).toBeChecked();
    // A confirmation about the Windows commands would be wrong now.
    expect(announcements()).toEqual([]);
    expect(await navigator.clipboard.readText()).toContain(BINARY_PATH.windows);
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
    expect(announcements()).toEqual([]);

    const copyActivate = screen.getByRole('button', { name: 'Copy step 2: Activate' });
    await user.click(copyActivate);
    expect(await navigator.clipboard.readText()).toBe(
      `local-memory license activate '${KEY}' --accept-terms`,
    );
    expect(regionBeside(copyActivate)).toHaveTextContent('Step 2 commands copied to the clipboard');
    expect(announcements()).toEqual(['Step 2 commands copied to the clipboard']);

    await user.click(screen.getByText('Claude Desktop'));
    const copyDesktop = screen.getByRole('button', { name: 'Copy Claude Desktop configuration' });
    await user.click(copyDesktop);
    const copied = JSON.parse(await navigator.clipboard.readText());
    expect(copied).toEqual({
      mcpServers: { 'local-memory': { command: '/usr/local/bin/local-memory', args: ['--mcp'] } },
    });
    expect(regionBeside(copyDesktop)).toHaveTextContent(
      'Claude Desktop configuration copied to the clipboard',
    );
    // The earlier confirmation is gone: one message at a time.
    expect(announcements()).toEqual(['Claude Desktop configuration copied to the clipboard']);
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
    expect(announcements()).toEqual(['Agent prompt copied to the clipboard']);
  });

  it('shows the placeholder on the public guide', () => {
    render(<SetupSection licenseKey={LICENSE_KEY_PLACEHOLDER} recommended="linux" />);
    expect(screen.getByRole('figure', { name: 'Activate commands for Linux' })).toHaveTextContent(
      "local-memory license activate 'YOUR-LICENSE-KEY' --accept-terms",
    );
  });
});
