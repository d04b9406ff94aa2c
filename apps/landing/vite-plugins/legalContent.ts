/**
 * The legal pages: Markdown under `content/` that the operator edits, with `{{name}}` fields
 * filled from the build's configuration and `{{#server}}…{{/server}}` / `{{#browser}}…{{/browser}}`
 * blocks kept for the matching fulfilment mode, rendered to HTML at build time with `marked`.
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked } from 'marked';
import { formatPrice } from '../src/config/price.ts';
import type { StorefrontBuild } from './storefrontConfig.ts';

export const LEGAL_DOCUMENTS = ['terms', 'privacy', 'refunds'] as const;
export type LegalDocument = (typeof LEGAL_DOCUMENTS)[number];

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Fill and render one document.
 * @param markdown - the file's text
 * @param build - the resolved configuration
 * @throws {Error} naming the field when the Markdown uses one that does not exist
 */
export function renderLegal(markdown: string, build: StorefrontBuild, file = 'content'): string {
  const fields: Record<string, string> = {
    legalName: build.operator.legalName,
    address: build.operator.address,
    refundDays: String(build.operator.refundDays),
    supportEmail: build.operator.supportEmail,
    siteUrl: build.siteUrl,
    price: formatPrice(build.price, 'en-US'),
  };
  const kept = markdown.replace(
    /\{\{#(server|browser)\}\}([\s\S]*?)\{\{\/\1\}\}/g,
    (_all, mode: string, body: string) => (mode === build.fulfilment ? body : ''),
  );
  const filled = kept.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => {
    const value = fields[name];
    if (value === undefined)
      throw new Error(
        `${file} uses {{${name}}}, which is not a known field (${Object.keys(fields).join(', ')})`,
      );
    return escapeHtml(value);
  });
  return new Marked({ gfm: true, async: false }).parse(filled) as string;
}

/** Every legal page of `contentDir`, rendered. */
export function renderLegalPages(
  contentDir: string,
  build: StorefrontBuild,
): Record<LegalDocument, string> {
  return Object.fromEntries(
    LEGAL_DOCUMENTS.map((doc) => {
      const file = join(contentDir, `${doc}.md`);
      return [doc, renderLegal(readFileSync(file, 'utf8'), build, file)];
    }),
  ) as Record<LegalDocument, string>;
}
