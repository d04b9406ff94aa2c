/**
 * The prerendered documents start their JavaScript from a small inline script instead of a
 * `<script type="module" src>`: a script the document requests is one Lighthouse's simulation
 * (Lantern) counts as render-blocking, since it downloads before the first paint, while an inline
 * one needs no request. The inline script waits for the first paint (src/app/afterFirstPaint.ts,
 * the same function, serialised), then imports the entry chunk its own `data-entry` attribute
 * names. The CSP allows exactly this script by its hash (csp.json, read by
 * @local-memory/site-policy's headersFor); the entry's file name is outside the hashed text, so
 * the hash changes only when afterFirstPaint does, not with every build, and HTML a rollback
 * restores still runs under the policy deployed since (see docs/deploy.md, Rollback).
 * @module
 */
import { createHash } from 'node:crypto';
import { afterFirstPaint } from '../src/app/afterFirstPaint.ts';

/** The entry `<script>` Vite writes into index.html. */
const ENTRY_SCRIPT = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/g;

/** The inline script's text: afterFirstPaint, then `import()` of the script's `data-entry`. */
export function bootstrapScript(): string {
  return `(${afterFirstPaint.toString()})(()=>import(document.querySelector("script[data-entry]").dataset.entry));`;
}

/** A CSP hash source (`sha256-<base64>`) of a script's or style's text, as browsers compute it. */
export function cspHash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/**
 * index.html with its entry `<script src>` replaced by the inline bootstrap.
 * @returns the document and the CSP hash of its inline script
 * @throws {Error} when the template has no entry script, or more than one
 */
export function inlineEntryScript(template: string): { html: string; scriptHash: string } {
  const entries = [...template.matchAll(ENTRY_SCRIPT)];
  if (entries.length !== 1)
    throw new Error(
      `prerender: index.html should have one <script type="module" crossorigin src="/assets/…">, found ${entries.length}`,
    );
  const entryUrl = entries[0]?.[1] as string;
  if (!/^\/assets\/[\w.-]+\.js$/.test(entryUrl))
    throw new Error(`prerender: unexpected entry script ${entryUrl}`);
  const script = bootstrapScript();
  return {
    html: template.replace(
      ENTRY_SCRIPT,
      () => `<script type="module" data-entry="${entryUrl}">${script}</script>`,
    ),
    scriptHash: cspHash(script),
  };
}
