/**
 * Run a CloudFront Function's source file the way CloudFront does (a fresh global scope with no
 * modules, the file's top-level `handler` called with the event) on one of two engines:
 * - `node`: Node's `vm`, quick, but it has every modern built-in, so it cannot see a call that
 *   CloudFront's runtime lacks;
 * - `njs`: nginx's JavaScript engine (Debian's `njs`, installed by scripts/bootstrap.sh). CloudFront
 *   Functions' runtime is not public; njs is the closest engine that runs here, not CloudFront itself.
 *   The deploy runs CloudFront's own TestFunction on the same events (scripts/edge-cases.mjs).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { functionFile } from '../lib/paths';

// biome-ignore lint/suspicious/noExplicitAny: CloudFront events are untyped JSON
export type CfEvent = any;

/** The engines every function test runs on. */
export const ENGINES = ['node', 'njs'] as const;
export type Engine = (typeof ENGINES)[number];

/** The njs binary: `NJS` from the environment, else Debian's path. */
export const NJS = process.env.NJS || '/usr/bin/njs';

/** The constants tests compare with their sources of truth. */
const EXPORTED = ['ROUTES', 'FILENAMES'] as const;

export interface LoadedFunction {
  handler: (event: CfEvent) => CfEvent;
  exports: Record<string, unknown>;
}

/**
 * njs's version, or an error that says how to install it: a machine without njs must fail the
 * infra tests, never skip the engine CloudFront's code is checked on.
 */
export function njsVersion(): string {
  const run = spawnSync(NJS, ['-v'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    throw new Error(
      `njs is not installed (${NJS}: ${run.error?.message ?? run.stderr}); run scripts/bootstrap.sh (it installs Debian's njs package)`,
    );
  }
  return run.stdout.trim();
}

/** Load a function file on `engine`; `nowMs` fixes `Date.now()` inside it. */
export function loadFunction(
  name: string,
  nowMs?: number,
  engine: Engine = 'node',
): LoadedFunction {
  const code = readFileSync(functionFile(name), 'utf8');
  return engine === 'njs' ? loadOnNjs(name, code, nowMs) : loadOnNode(name, code, nowMs);
}

function exportsExpression(): string {
  return `({ ${EXPORTED.map((n) => `${n}: typeof ${n} !== 'undefined' ? ${n} : undefined`).join(', ')} })`;
}

function loadOnNode(name: string, code: string, nowMs?: number): LoadedFunction {
  const sandbox: Record<string, unknown> = {};
  if (nowMs !== undefined) {
    class FixedDate extends Date {
      static override now(): number {
        return nowMs as number;
      }
    }
    sandbox.Date = FixedDate;
  }
  const exports = runInNewContext(
    `${code}\n;({ handler: handler, exports: ${exportsExpression()} })`,
    sandbox,
    { filename: name },
  ) as { handler: (event: CfEvent) => CfEvent; exports: Record<string, unknown> };
  return { handler: exports.handler, exports: exports.exports };
}

/**
 * One njs process per call: the file, then a driver that fixes the clock (njs lets a script
 * replace `Date.now`; the function reads it when called, so the override is in place in time),
 * calls `handler` with the event as a JSON literal and prints the result as one JSON line.
 */
function runNjs(name: string, code: string, nowMs: number | undefined, event: CfEvent): CfEvent {
  njsVersion();
  const driver = [
    '',
    ';',
    nowMs === undefined ? '' : `Date.now = function () { return ${Number(nowMs)}; };`,
    `var __event = ${JSON.stringify(event ?? null)};`,
    `var __out = { exports: ${exportsExpression()} };`,
    'if (__event !== null) __out.result = handler(__event);',
    'console.log(JSON.stringify(__out));',
  ].join('\n');
  // -s: no module access (CloudFront has no file system); -u: no `Function` constructor/eval-like
  // "unsafe" features (CloudFront has no dynamic code evaluation).
  const run = spawnSync(NJS, ['-s', '-u', '-'], { input: code + driver, encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`${name} threw on njs: ${`${run.stdout}\n${run.stderr}`.trim()}`);
  }
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null');
}

function loadOnNjs(name: string, code: string, nowMs?: number): LoadedFunction {
  let exports: Record<string, unknown> | undefined;
  return {
    handler: (event) => (runNjs(name, code, nowMs, event) as { result: CfEvent }).result,
    // Read when a test asks, so a machine without njs fails those tests, not the whole file.
    get exports() {
      exports ??= (runNjs(name, code, nowMs, null) as { exports: Record<string, unknown> }).exports;
      return exports;
    },
  };
}

/** A recorded event shape (test/events) with changes. */
export function recordedEvent(
  kind: 'viewer-request' | 'viewer-response',
  changes: {
    uri?: string;
    querystring?: Record<string, { value: string }>;
    method?: string;
    status?: number;
  },
): CfEvent {
  const event = JSON.parse(
    readFileSync(join(import.meta.dirname, 'events', `${kind}.json`), 'utf8'),
  ) as CfEvent;
  if (changes.uri !== undefined) event.request.uri = changes.uri;
  if (changes.querystring !== undefined) event.request.querystring = changes.querystring;
  if (changes.method !== undefined) event.request.method = changes.method;
  if (changes.status !== undefined) event.response.statusCode = changes.status;
  return event;
}
