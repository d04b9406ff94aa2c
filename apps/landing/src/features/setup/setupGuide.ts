/**
 * The setup guide as data: what a buyer runs after the download, per operating system, and how
 * each AI client is pointed at Local Memory. Everything the Success page and /docs/setup show or
 * copy is generated here, so the binary path in a client's configuration is always the one the
 * install steps (features/downloads/installSteps.tsx) put the program at.
 * @module
 */
import { OS_NAMES, PRODUCT_COMMAND } from '@local-memory/catalog';
import {
  DOWNLOADS,
  INSTALL_PATHS,
  PROGRAM_FILES,
  WINDOWS_INSTALL_DIR,
} from '@local-memory/catalog/install';
import { activationCommand } from '@local-memory/download-keys/activation';

/** The operating systems the guide covers (the desktop downloads). */
export type SetupPlatform = 'macos' | 'windows' | 'linux';

export const SETUP_PLATFORMS: readonly SetupPlatform[] = ['macos', 'windows', 'linux'];

export const SETUP_PLATFORM_NAME: Readonly<Record<SetupPlatform, string>> = OS_NAMES;

/** Shown on the public guide where the buyer's key goes. */
export const LICENSE_KEY_PLACEHOLDER = 'YOUR-LICENSE-KEY';

/** The REST API the running service answers on. */
export const REST_API_BASE = 'http://localhost:3002/api/v1/';
export const HEALTH_URL = `${REST_API_BASE}health`;

/** The npm package that installs the same program, for people who prefer npm. */
export const NPM_INSTALL_COMMAND = 'npm install -g local-memory-mcp';

/** Ollama models semantic search (embeddings) and chat use. */
export const OLLAMA_MODELS = ['nomic-embed-text', 'qwen2.5:3b'] as const;

/** Where the installed program lives, per platform: the path the install steps produce. */
export const BINARY_PATH: Readonly<Record<SetupPlatform, string>> = INSTALL_PATHS;

/** A shell snippet: one command per line, nothing else. */
export interface ShellSnippet {
  readonly kind: 'shell';
  /** bash/zsh on macOS and Linux, PowerShell on Windows. */
  readonly shell: 'sh' | 'powershell';
  readonly commands: readonly string[];
}

/** A JSON configuration file's content. */
export interface JsonSnippet {
  readonly kind: 'json';
  readonly json: string;
}

export type Snippet = ShellSnippet | JsonSnippet;

/** The text a copy button puts on the clipboard. */
export function snippetText(snippet: Snippet): string {
  return snippet.kind === 'json' ? snippet.json : snippet.commands.join('\n');
}

export interface SetupStep {
  readonly id: 'install' | 'activate' | 'prerequisites' | 'check';
  readonly title: string;
  /** Plain text before the commands. */
  readonly text: string;
  readonly snippet: ShellSnippet;
  /** Plain text after the commands, if any. */
  readonly note?: string;
}

export type ClientId = 'claude-code' | 'claude-desktop' | 'vscode' | 'cursor' | 'windsurf';

export interface ClientSetup {
  readonly id: ClientId;
  readonly name: string;
  /** Where the snippet goes: a file path, or null for a command to run. */
  readonly file: string | null;
  readonly text: string;
  readonly snippet: Snippet;
}

export interface SetupGuide {
  readonly platform: SetupPlatform;
  readonly binaryPath: string;
  readonly steps: readonly SetupStep[];
  readonly clients: readonly ClientSetup[];
  /** A prompt to paste into a coding agent that does all of the above; holds the key once. */
  readonly agentPrompt: string;
}

const sh = (platform: SetupPlatform, ...commands: string[]): ShellSnippet => ({
  kind: 'shell',
  shell: platform === 'windows' ? 'powershell' : 'sh',
  commands,
});

function installCommands(platform: SetupPlatform): string[] {
  switch (platform) {
    case 'macos':
      return [
        `cd ~/Downloads && unzip -o ${DOWNLOADS.macos.filename}`,
        `xattr -d com.apple.quarantine ${PROGRAM_FILES.macosArm}`,
        `chmod +x ${PROGRAM_FILES.macosArm} && sudo mv ${PROGRAM_FILES.macosArm} ${BINARY_PATH.macos}`,
      ];
    case 'windows':
      return [
        `Expand-Archive -Force "$HOME\\Downloads\\${DOWNLOADS.windows.filename}" "$HOME\\Downloads\\${PRODUCT_COMMAND}"`,
        `New-Item -ItemType Directory -Force "${WINDOWS_INSTALL_DIR}"`,
        `Move-Item -Force "$HOME\\Downloads\\${PRODUCT_COMMAND}\\${PROGRAM_FILES.windows}" "${BINARY_PATH.windows}"`,
        `[Environment]::SetEnvironmentVariable("Path", [Environment]::GetEnvironmentVariable("Path", "Machine") + ";${WINDOWS_INSTALL_DIR}", "Machine")`,
      ];
    case 'linux':
      return [
        `cd ~/Downloads && unzip -o ${DOWNLOADS.linux.filename}`,
        `chmod +x ${PROGRAM_FILES.linux} && sudo mv ${PROGRAM_FILES.linux} ${BINARY_PATH.linux}`,
      ];
  }
}

const INSTALL_TEXT: Readonly<Record<SetupPlatform, string>> = {
  macos: `In Terminal, unzip the download and put the program on your path. On an Intel Mac use ${PROGRAM_FILES.macosIntel} instead of ${PROGRAM_FILES.macosArm} (uname -m prints arm64 on Apple silicon).`,
  windows:
    'In PowerShell opened as administrator, unzip the download, move the program to its folder and add that folder to your PATH. Then open a new PowerShell window.',
  linux: 'In a terminal, unzip the download and put the program on your path.',
};

function ollamaCommands(platform: SetupPlatform): string[] {
  const pulls = OLLAMA_MODELS.map((model) => `ollama pull ${model}`);
  switch (platform) {
    case 'macos':
      return ['brew install ollama', 'brew services start ollama', ...pulls];
    case 'windows':
      return ['winget install --id Ollama.Ollama -e', ...pulls];
    case 'linux':
      return ['curl -fsSL https://ollama.com/install.sh | sh', ...pulls];
  }
}

const OLLAMA_HINT: Readonly<Record<SetupPlatform, string>> = {
  macos: ' The first two commands use Homebrew; the Ollama app from ollama.com works as well.',
  windows: ' winget installs Ollama; the installer from ollama.com works as well.',
  linux: '',
};

const HOME_DIR: Readonly<Record<SetupPlatform, string>> = {
  macos: '~/.local-memory/',
  windows: '%USERPROFILE%\\.local-memory\\',
  linux: '~/.local-memory/',
};

function healthCommand(platform: SetupPlatform): string {
  return platform === 'windows' ? `curl.exe ${HEALTH_URL}` : `curl ${HEALTH_URL}`;
}

function steps(platform: SetupPlatform, licenseKey: string): SetupStep[] {
  return [
    {
      id: 'install',
      title: 'Install',
      text: INSTALL_TEXT[platform],
      snippet: sh(platform, ...installCommands(platform)),
      note: `Prefer npm? ${NPM_INSTALL_COMMAND} installs Local Memory too.`,
    },
    {
      id: 'activate',
      title: 'Activate',
      text: 'Run this once with your license key:',
      snippet: sh(platform, activationCommand(licenseKey)),
    },
    {
      id: 'prerequisites',
      title: 'Add semantic search',
      text: `Local Memory finds memories by meaning with Ollama and two models: ${OLLAMA_MODELS[0]} for embeddings and ${OLLAMA_MODELS[1]} for chat.${OLLAMA_HINT[platform]}`,
      snippet: sh(platform, ...ollamaCommands(platform)),
      note: `Optional: Qdrant, for faster vector search on large memories, lives in ${HOME_DIR[platform]}.`,
    },
    {
      id: 'check',
      title: 'Check it works',
      text: 'Check the version and license, start the service and ask its REST API for its health:',
      snippet: sh(
        platform,
        'local-memory --version',
        'local-memory license status',
        'local-memory start',
        healthCommand(platform),
      ),
      note: `The REST API answers at ${REST_API_BASE}.`,
    },
  ];
}

const CLAUDE_DESKTOP_CONFIG: Readonly<Record<SetupPlatform, string>> = {
  macos: '~/Library/Application Support/Claude/claude_desktop_config.json',
  windows: '%APPDATA%\\Claude\\claude_desktop_config.json',
  linux: '~/.config/Claude/claude_desktop_config.json',
};

const WINDSURF_CONFIG: Readonly<Record<SetupPlatform, string>> = {
  macos: '~/.codeium/windsurf/mcp_config.json',
  windows: '%USERPROFILE%\\.codeium\\windsurf\\mcp_config.json',
  linux: '~/.codeium/windsurf/mcp_config.json',
};

const json = (value: unknown): JsonSnippet => ({
  kind: 'json',
  json: JSON.stringify(value, null, 2),
});

/** Quote a path for the shell the platform's snippets use (paths here hold no quotes). */
function shellPath(platform: SetupPlatform, path: string): string {
  if (!path.includes(' ')) return path;
  return platform === 'windows' ? `"${path}"` : `'${path}'`;
}

function clients(platform: SetupPlatform): ClientSetup[] {
  const command = BINARY_PATH[platform];
  const mcpServers = { mcpServers: { 'local-memory': { command, args: ['--mcp'] } } };
  return [
    {
      id: 'claude-code',
      name: 'Claude Code',
      file: null,
      text: 'Run this once in a terminal:',
      snippet: sh(
        platform,
        `claude mcp add --transport stdio local-memory -- ${shellPath(platform, command)} --mcp`,
      ),
    },
    {
      id: 'claude-desktop',
      name: 'Claude Desktop',
      file: CLAUDE_DESKTOP_CONFIG[platform],
      text: `${platform === 'linux' ? 'Claude Desktop has no official Linux release; community builds read the same file. ' : ''}Add this to the configuration file (Settings → Developer → Edit Config opens it), then restart Claude Desktop:`,
      snippet: json(mcpServers),
    },
    {
      id: 'vscode',
      name: 'VS Code',
      file: '.vscode/mcp.json',
      text: 'Add this to .vscode/mcp.json in your project:',
      snippet: json({ servers: { 'local-memory': { type: 'stdio', command, args: ['--mcp'] } } }),
    },
    {
      id: 'cursor',
      name: 'Cursor',
      file: '.cursor/mcp.json',
      text: 'Add this to .cursor/mcp.json in your project (or ~/.cursor/mcp.json for every project):',
      snippet: json(mcpServers),
    },
    {
      id: 'windsurf',
      name: 'Windsurf',
      file: WINDSURF_CONFIG[platform],
      text: 'Add this to the Windsurf MCP configuration file, then refresh its MCP servers:',
      snippet: json(mcpServers),
    },
  ];
}

function agentPrompt(platform: SetupPlatform, guideSteps: readonly SetupStep[]): string {
  const name = SETUP_PLATFORM_NAME[platform];
  const shell = platform === 'windows' ? 'PowerShell' : 'the shell';
  const lines = [
    `Set up Local Memory (a local memory service for AI agents) on this ${name} computer. Run each command in ${shell}, check its output, and stop and tell me if something fails.`,
    '',
  ];
  guideSteps.forEach((step, index) => {
    lines.push(`${index + 1}. ${step.title}: ${step.text}`);
    for (const command of step.snippet.commands) lines.push(`   ${command}`);
    if (step.note) lines.push(`   ${step.note}`);
  });
  lines.push(
    `${guideSteps.length + 1}. Connect the AI tools I use to Local Memory's MCP server (${BINARY_PATH[platform]} --mcp, over stdio): for Claude Code run \`claude mcp add --transport stdio local-memory -- ${shellPath(platform, BINARY_PATH[platform])} --mcp\`; for Claude Desktop (${CLAUDE_DESKTOP_CONFIG[platform]}), Cursor (.cursor/mcp.json) and Windsurf (${WINDSURF_CONFIG[platform]}) add "local-memory" under "mcpServers"; for VS Code add it under "servers" in .vscode/mcp.json with "type": "stdio". Keep any servers already configured.`,
    '',
    'Tell me what you changed when you are done.',
  );
  return lines.join('\n');
}

/**
 * The whole guide for one platform.
 * @param platform - macos, windows or linux
 * @param licenseKey - the buyer's key, or {@link LICENSE_KEY_PLACEHOLDER} on the public guide
 * @throws RangeError for an unknown platform or a malformed key (see {@link activationCommand})
 */
export function setupGuide(platform: SetupPlatform, licenseKey: string): SetupGuide {
  if (!SETUP_PLATFORMS.includes(platform)) {
    throw new RangeError(`platform must be one of ${SETUP_PLATFORMS.join(', ')}, got ${platform}`);
  }
  const guideSteps = steps(platform, licenseKey);
  return {
    platform,
    binaryPath: BINARY_PATH[platform],
    steps: guideSteps,
    clients: clients(platform),
    agentPrompt: agentPrompt(platform, guideSteps),
  };
}
