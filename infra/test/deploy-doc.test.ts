/**
 * docs/deploy.md works literally: its `cdk synth` runs as written (the CDK CLI, offline), every
 * other `cdk` command synthesises the app with exactly the context it passes (bootstrap, deploy
 * and destroy need AWS), the bootstrap execution policy covers every resource type the stack
 * creates, and its tables list exactly the context keys the stack reads and the variables the
 * production build requires (checked against apps/landing's own validators, and deploy.yml).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_EDITION, EDITIONS, priceNames } from '@local-memory/catalog';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../lib/app';
import { CONTEXT_KEYS } from '../lib/config';
import { INFRA_DIR, REPO_DIR } from '../lib/paths';

const DOC = readFileSync(join(REPO_DIR, 'docs', 'deploy.md'), 'utf8');
const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  outdirs.push(dir);
  return dir;
};

/** The commands of every fenced `sh` block: continuations joined, comments dropped. */
function docCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^ *```sh\n([\s\S]*?)^ *```/gm)].map((m) => m[1] ?? '');
  return blocks.flatMap((block) =>
    block
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((line) => line.replace(/^\s*#.*$/, '').trim())
      .filter((line) => line !== ''),
  );
}

/** Split a command line like a POSIX shell would (quotes; no expansion needed here). */
function words(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | null = null;
  let started = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started || current) out.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
    }
  }
  if (started || current) out.push(current);
  return out;
}

/** `-c key=value` pairs of a cdk command. */
function contextOf(args: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c' || args[i] === '--context') {
      const pair = args[i + 1] ?? '';
      const eq = pair.indexOf('=');
      context[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return context;
}

const COMMANDS = docCommands(DOC);
const CDK = COMMANDS.map(words).filter((w) => w[0] === 'npx' && w[1] === 'cdk');

/** The rows' first cells (backticked names) of the markdown table after `heading`. */
function tableNames(heading: string): string[] {
  const start = DOC.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const lines = DOC.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    const name = /^\|\s*`([^`]+)`/.exec(line)?.[1];
    if (name) rows.push(name);
  }
  return rows;
}

describe('the commands', () => {
  it('has the steps an operator runs: policy, bootstrap, synth, deploy for both modes, destroy', () => {
    const verbs = CDK.map((w) => w[2]);
    expect(verbs).toEqual(['bootstrap', 'synth', 'deploy', 'deploy', 'destroy']);
    expect(COMMANDS).toContain('cd infra');
    const createPolicy = COMMANDS.find((c) => c.startsWith('aws iam create-policy'));
    expect(createPolicy).toContain('file://bootstrap/execution-policy.json');
    expect(existsSync(join(INFRA_DIR, 'bootstrap', 'execution-policy.json'))).toBe(true);
  });

  it('passes only context keys the stack reads', () => {
    for (const command of CDK) {
      for (const key of Object.keys(contextOf(command))) {
        expect(CONTEXT_KEYS as readonly string[], `${command.join(' ')}: ${key}`).toContain(key);
      }
    }
  });

  it('runs `cdk synth` exactly as written, offline', () => {
    const synth = CDK.find((w) => w[2] === 'synth') as string[];
    const outdir = tempDir('deploy-doc-cli-');
    const run = spawnSync('npx', [...synth.slice(1), '--output', outdir], {
      cwd: INFRA_DIR,
      encoding: 'utf8',
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_VERSION_CHECK: '1' },
      // A guard against a hung CLI, not a speed check: 22 s on a 2-core machine at a load of 4,
      // 82 s seen beside other suites and helpers at a load of 11.
      timeout: 300_000,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(readdirSync(outdir)).toContain('LocalMemoryStorefront.template.json');
  }, 310_000);

  // bootstrap, deploy and destroy need an AWS account; each runs the app first, with the same
  // context, and that is what fails when the doc's context is wrong.
  for (const [index, command] of CDK.entries()) {
    if (command[2] === 'synth') continue;
    it(`synthesises the app with the context of \`cdk ${command[2]}\` (#${index + 1})`, () => {
      const { app } = buildApp({ context: contextOf(command), outdir: tempDir('deploy-doc-') });
      const assembly = app.synth();
      expect(assembly.stacks.map((s) => s.stackName)).toEqual(['LocalMemoryStorefront']);
    });
  }
});

describe('the bootstrap execution policy', () => {
  it('allows every service whose resources the stack creates (both modes, WAF on)', () => {
    const policy = JSON.parse(
      readFileSync(join(INFRA_DIR, 'bootstrap', 'execution-policy.json'), 'utf8'),
    );
    const allowed = new Set<string>(
      policy.Statement.flatMap((s: { Action: string[] }) => s.Action)
        .filter((a: string) => a.endsWith(':*'))
        .map((a: string) => a.slice(0, -2)),
    );
    const server = CDK.filter((w) => w[2] === 'deploy').map(contextOf);
    const types = new Set<string>();
    for (const context of [...server, { ...server[0], waf: 'true' }]) {
      const { app, stack } = buildApp({ context, outdir: tempDir('deploy-doc-policy-') });
      const template = app.synth().getStackByName(stack.stackName).template as {
        Resources: Record<string, { Type: string }>;
      };
      for (const resource of Object.values(template.Resources)) types.add(resource.Type);
    }
    expect(types).toContain('AWS::WAFv2::WebACL');
    for (const type of types) {
      expect(type, 'custom resources would need a Lambda of their own').toMatch(/^AWS::/);
      if (type === 'AWS::CDK::Metadata') continue;
      const service = (type.split('::')[1] as string).toLowerCase();
      expect([...allowed], type).toContain(service);
    }
  });
});

describe('the configuration table', () => {
  it('lists exactly the context keys the stack reads', () => {
    expect(tableNames('## 3. Configuration').sort()).toEqual([...CONTEXT_KEYS].sort());
  });
});

describe('the build variables', () => {
  const documented = tableNames('**Build variables.**');
  const names = (text: string) => text.match(/\b[A-Z][A-Z0-9_]{3,}\b/g) ?? [];

  it('lists every variable a production build requires (apps/landing validators, empty env)', async () => {
    const landing = join(REPO_DIR, 'apps', 'landing');
    const storefront = await import(
      pathToFileURL(join(landing, 'vite-plugins', 'storefrontConfig.ts')).href
    );
    const required = new Set<string>();
    try {
      await storefront.resolveStorefront({}, { production: true });
      throw new Error('an empty production build was accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(storefront.StorefrontConfigError);
      for (const p of (error as { problems: { variable: string }[] }).problems) {
        for (const name of names(p.variable)) required.add(name);
      }
    }
    const download = await import(
      pathToFileURL(join(landing, 'src', 'config', 'download.ts')).href
    );
    for (const fulfilment of ['browser', 'server']) {
      const config = download.readFullConfig({
        VITE_FULFILMENT: fulfilment,
        VITE_DEMO_MODE: 'false',
      });
      for (const p of config.problems as { variable: string }[]) {
        for (const name of names(p.variable)) required.add(name);
      }
    }
    expect(required.size).toBeGreaterThan(6);
    for (const name of required) expect(documented, name).toContain(name);
  });

  it('lists only variables the build reads, each set by deploy.yml from the GitHub value named', () => {
    const landing = join(REPO_DIR, 'apps', 'landing');
    const sources = [
      ...readdirSync(join(landing, 'src', 'config')).map((f) => join(landing, 'src', 'config', f)),
      ...readdirSync(join(landing, 'vite-plugins')).map((f) => join(landing, 'vite-plugins', f)),
    ].filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const code = sources.map((f) => readFileSync(f, 'utf8')).join('\n');
    const workflow = readFileSync(join(REPO_DIR, '.github', 'workflows', 'deploy.yml'), 'utf8');
    const start = DOC.indexOf('**Build variables.**');
    const rows = DOC.slice(start)
      .split('\n')
      .filter((l) => /^\|\s*`/.test(l));
    // A further edition's price variables are derived from its catalogue entry (priceNames), not
    // spelled in the code; the default edition's are spelled and checked like the rest.
    const derived = new Set(
      Object.values(EDITIONS)
        .filter((edition) => edition.id !== DEFAULT_EDITION)
        .flatMap((edition) => {
          const names = priceNames(edition);
          return [names.variable, names.text, names.paymentLink];
        }),
    );
    for (const name of documented) {
      if (!derived.has(name)) expect(code, name).toMatch(new RegExp(`['"\`]${name}['"\`]`));
      const row = rows.find((r) => r.startsWith(`| \`${name}\``)) as string;
      const source = /\|\s*(variable|secret|fixed) `([^`]+)`/.exec(row);
      expect(source, row).not.toBeNull();
      const [, kind, value] = source as unknown as [string, string, string];
      const line = workflow.split('\n').find((l) => l.trim().startsWith(`${name}:`));
      expect(line, `deploy.yml sets ${name}`).toBeDefined();
      if (kind === 'variable') {
        // Directly, or through a workflow-level env entry that reads the variable.
        const viaEnv = line?.includes(`env.${value}`)
          ? workflow.includes(`${value}: \${{ vars.${value}`)
          : false;
        expect(line?.includes(`vars.${value}`) || viaEnv, line).toBe(true);
      }
      if (kind === 'secret') expect(line).toContain(`secrets.${value}`);
      if (kind === 'fixed') expect(line).toContain(value);
    }
  });
});
