/**
 * Reading .github/workflows for the checks: the parsed YAML, every step, and the commands in
 * `run:` blocks that point at files or package scripts of this repository.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const WORKFLOWS_DIR = join(REPO, '.github', 'workflows');

export interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
  readonly 'working-directory'?: string;
  readonly 'continue-on-error'?: unknown;
  readonly if?: string;
}

export interface Job {
  /** A reusable workflow this job calls (it then has no steps and no timeout of its own). */
  readonly uses?: string;
  readonly needs?: string | string[];
  readonly environment?: unknown;
  readonly steps?: Step[];
  readonly permissions?: unknown;
  readonly 'continue-on-error'?: unknown;
  readonly 'timeout-minutes'?: number;
}

export interface Workflow {
  readonly file: string;
  readonly text: string;
  readonly name: string;
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string> | string;
  readonly concurrency?: { group: string; 'cancel-in-progress': boolean };
  readonly env?: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
}

export function loadWorkflows(): Workflow[] {
  return readdirSync(WORKFLOWS_DIR)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(WORKFLOWS_DIR, file), 'utf8');
      return { file, text, ...(parse(text) as Omit<Workflow, 'file' | 'text'>) };
    });
}

export const stepsOf = (workflow: Workflow): Step[] =>
  Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);

/** A reference from a `run:` block to something in this repository. */
export type Reference =
  | { readonly kind: 'file'; readonly path: string; readonly from: string }
  | {
      readonly kind: 'script';
      readonly workspace: string;
      readonly script: string;
      readonly from: string;
    }
  | {
      readonly kind: 'turbo';
      readonly filter: string;
      readonly task: string;
      readonly from: string;
    }
  | { readonly kind: 'root-script'; readonly script: string; readonly from: string }
  | { readonly kind: 'bin'; readonly bin: string; readonly cwd: string; readonly from: string };

/** Find the files, npm scripts, turbo tasks and package binaries a `run:` block relies on. */
export function referencesIn(run: string, cwd = '.'): Reference[] {
  const refs: Reference[] = [];
  for (const raw of run.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#')) continue;
    for (const m of line.matchAll(
      /(?:^|[\s;&|(])(?:node|bash|sh)\s+(?!-)([\w./-]+\.(?:mjs|js|cjs|sh))/g,
    ))
      refs.push({ kind: 'file', path: join(cwd, m[1] as string), from: line });
    for (const m of line.matchAll(/npm run ([\w:-]+)\s+--workspace[= ](\S+)/g))
      refs.push({ kind: 'script', script: m[1] as string, workspace: m[2] as string, from: line });
    for (const m of line.matchAll(/npm run ([\w:-]+)(?![^\n]*--workspace)/g))
      refs.push({ kind: 'root-script', script: m[1] as string, from: line });
    for (const m of line.matchAll(/turbo run ([\w:-]+)\s+--filter=(\S+)/g))
      refs.push({ kind: 'turbo', task: m[1] as string, filter: m[2] as string, from: line });
    for (const m of line.matchAll(/npx (?!turbo\b)([\w@/.-]+)/g))
      refs.push({ kind: 'bin', bin: m[1] as string, cwd, from: line });
  }
  return refs;
}
