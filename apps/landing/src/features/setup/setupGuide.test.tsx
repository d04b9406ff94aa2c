import { generateLicenseKey } from '@local-memory/download-keys';
import { activationCommand } from '@local-memory/download-keys/activation';
import { describe, expect, it } from 'vitest';
import {
  BINARY_PATH,
  LICENSE_KEY_PLACEHOLDER,
  SETUP_PLATFORMS,
  type SetupPlatform,
  setupGuide,
  snippetText,
} from './setupGuide';

const SECRET = 'UNIT-TEST-ONLY-setup-guide-secret-0123456789';
const KEY = generateLicenseKey('cs_test_a1SetupGuide0123456789', SECRET);

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('activationCommand', () => {
  it('quotes the key and accepts the terms', () => {
    expect(activationCommand(KEY)).toBe(`local-memory license activate '${KEY}' --accept-terms`);
    expect(activationCommand(LICENSE_KEY_PLACEHOLDER)).toBe(
      "local-memory license activate 'YOUR-LICENSE-KEY' --accept-terms",
    );
  });

  it('refuses anything that could break out of the quotes', () => {
    expect(() => activationCommand("LM-1'; rm -rf ~; '")).toThrow(RangeError);
    expect(() => activationCommand('')).toThrow(RangeError);
    expect(() => activationCommand(42 as unknown as string)).toThrow(TypeError);
  });
});

describe.each(SETUP_PLATFORMS)('the %s guide', (platform: SetupPlatform) => {
  const guide = setupGuide(platform, KEY);
  const binary = BINARY_PATH[platform];

  it('has every JSON snippet parse and start the platform binary with --mcp', () => {
    const jsonClients = guide.clients.filter((c) => c.snippet.kind === 'json');
    expect(jsonClients.map((c) => c.id)).toEqual([
      'claude-desktop',
      'vscode',
      'cursor',
      'windsurf',
    ]);
    for (const client of jsonClients) {
      const parsed = JSON.parse(snippetText(client.snippet)) as Record<
        string,
        Record<string, { command: string; args: string[]; type?: string }>
      >;
      const rootKey = client.id === 'vscode' ? 'servers' : 'mcpServers';
      const server = parsed[rootKey]?.['local-memory'];
      expect(server, `${client.id} under ${rootKey}`).toBeDefined();
      expect(server?.command).toBe(binary);
      expect(server?.args).toEqual(['--mcp']);
      if (client.id === 'vscode') expect(server?.type).toBe('stdio');
      expect(client.file).toMatch(/\.json$/);
    }
  });

  it('has shell snippets of one command per line, with the key quoted', () => {
    const shells = [...guide.steps.map((s) => s.snippet), ...guide.clients.map((c) => c.snippet)]
      .filter((s) => s.kind === 'shell')
      .flatMap((s) => s.commands);
    expect(shells.length).toBeGreaterThan(8);
    for (const command of shells) {
      expect(command).not.toMatch(/[\r\n]/);
      expect(command.trim()).toBe(command);
      expect(command).not.toBe('');
    }
    const withKey = shells.filter((c) => c.includes(KEY));
    expect(withKey).toEqual([`local-memory license activate '${KEY}' --accept-terms`]);
    const claudeCode = guide.clients.find((c) => c.id === 'claude-code');
    const expectedBinary = binary.includes(' ') ? `"${binary}"` : binary;
    expect(claudeCode && snippetText(claudeCode.snippet)).toBe(
      `claude mcp add --transport stdio local-memory -- ${expectedBinary} --mcp`,
    );
  });

  it('has the checks and prerequisites the product needs', () => {
    const all = guide.steps.flatMap((s) => s.snippet.commands).join('\n');
    for (const expected of [
      'local-memory --version',
      'local-memory license status',
      'local-memory start',
      'http://localhost:3002/api/v1/health',
      'ollama pull nomic-embed-text',
      'ollama pull qwen2.5:3b',
    ]) {
      expect(all).toContain(expected);
    }
    const notes = guide.steps.map((s) => s.note ?? '').join('\n');
    expect(notes).toContain('npm install -g local-memory-mcp');
    expect(notes).toContain('.local-memory');
  });

  it('gives the agent a prompt with the key exactly once and no secret', () => {
    expect(occurrences(guide.agentPrompt, KEY)).toBe(1);
    expect(guide.agentPrompt).not.toContain(SECRET);
    expect(guide.agentPrompt).not.toMatch(/secret|https?:\/\/[^ ]*\/downloads\//i);
    expect(guide.agentPrompt).toContain(binary);
    expect(guide.agentPrompt).toContain('local-memory start');
  });
});

describe('setupGuide', () => {
  it('differs per platform where the platforms differ', () => {
    const mac = setupGuide('macos', KEY);
    const windows = setupGuide('windows', KEY);
    expect(mac.clients.find((c) => c.id === 'claude-desktop')?.file).toBe(
      '~/Library/Application Support/Claude/claude_desktop_config.json',
    );
    expect(windows.clients.find((c) => c.id === 'claude-desktop')?.file).toBe(
      '%APPDATA%\\Claude\\claude_desktop_config.json',
    );
    expect(windows.steps[0]?.snippet.shell).toBe('powershell');
    expect(mac.steps[0]?.snippet.shell).toBe('sh');
  });

  it('works without a key on the public guide', () => {
    const guide = setupGuide('linux', LICENSE_KEY_PLACEHOLDER);
    expect(occurrences(guide.agentPrompt, LICENSE_KEY_PLACEHOLDER)).toBe(1);
  });

  it('refuses an unknown platform', () => {
    expect(() => setupGuide('amiga' as SetupPlatform, KEY)).toThrow(RangeError);
  });
});
