/**
 * Run a CloudFront Function's source file in Node the way CloudFront does: a fresh global scope
 * with no modules, the file's top-level `handler` called with the event.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { functionFile } from '../lib/paths';

// biome-ignore lint/suspicious/noExplicitAny: CloudFront events are untyped JSON
export type CfEvent = any;

/** Load a function file; `nowMs` fixes `Date.now()` inside it. */
export function loadFunction(
  name: string,
  nowMs?: number,
): { handler: (event: CfEvent) => CfEvent; exports: Record<string, unknown> } {
  const code = readFileSync(functionFile(name), 'utf8');
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
    `${code}\n;({ handler: handler, ROUTES: typeof ROUTES !== 'undefined' ? ROUTES : undefined, FILENAMES: typeof FILENAMES !== 'undefined' ? FILENAMES : undefined })`,
    sandbox,
    { filename: name },
  ) as Record<string, unknown>;
  return { handler: exports.handler as (event: CfEvent) => CfEvent, exports };
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
