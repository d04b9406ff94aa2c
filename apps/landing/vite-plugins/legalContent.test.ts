// @vitest-environment node
import { join } from 'node:path';
import { EDITIONS } from '@local-memory/catalog';
import { describe, expect, it } from 'vitest';
import { renderLegal, renderLegalPages } from './legalContent';
import type { StorefrontBuild } from './storefrontConfig';

const PRICE = {
  amountMinor: 4900,
  currency: 'USD',
  taxBehavior: 'unspecified',
  source: 'env',
} as const;

const BUILD: StorefrontBuild = {
  price: PRICE,
  prices: Object.fromEntries(
    Object.keys(EDITIONS).map((id) => [id, PRICE]),
  ) as StorefrontBuild['prices'],
  operator: {
    legalName: 'Local Memory Software Ltd',
    address: '12 Harbour Road, Dublin <D02>',
    refundDays: 21,
    supportEmail: 'help@localmemory.co',
  },
  siteUrl: 'https://localmemory.co',
  fulfilment: 'browser',
  demo: false,
};

describe('renderLegal', () => {
  it('fills the operator details, escaped, and renders Markdown', () => {
    const html = renderLegal(
      '# Terms\n\nSold by {{legalName}}, {{address}}. **{{refundDays}} days**.',
      BUILD,
    );
    expect(html).toContain('<h1>Terms</h1>');
    expect(html).toContain(
      'Sold by Local Memory Software Ltd, 12 Harbour Road, Dublin &lt;D02&gt;.',
    );
    expect(html).not.toContain('<D02>');
    expect(html).toContain('<strong>21 days</strong>');
  });

  it('keeps the block for this build’s fulfilment mode only', () => {
    const md =
      'A\n\n{{#browser}}\nKeeps nothing.\n{{/browser}}\n{{#server}}\nKeeps the ledger.\n{{/server}}\n';
    expect(renderLegal(md, BUILD)).toContain('Keeps nothing.');
    expect(renderLegal(md, BUILD)).not.toContain('ledger');
    const server = renderLegal(md, { ...BUILD, fulfilment: 'server' });
    expect(server).toContain('Keeps the ledger.');
    expect(server).not.toContain('Keeps nothing');
  });

  it('fails on a field that does not exist, naming it', () => {
    expect(() => renderLegal('Hello {{legalNmae}}', BUILD, 'content/terms.md')).toThrow(
      /content\/terms.md uses \{\{legalNmae\}\}, which is not a known field/,
    );
  });
});

describe('the shipped content', () => {
  const pages = renderLegalPages(join(import.meta.dirname, '..', 'content'), BUILD);

  it('leaves no field unfilled and names the operator, address and support email on every page', () => {
    for (const [name, html] of Object.entries(pages)) {
      expect(html, name).not.toMatch(/\{\{|\}\}/);
      expect(html, name).toContain('Local Memory Software Ltd');
      expect(html, name).toContain('help@localmemory.co');
      expect(html, name).toMatch(/^<h1>/);
    }
  });

  it('says the license is per person, on every computer they use', () => {
    expect(pages.terms).toMatch(/one person/i);
    expect(pages.terms).toMatch(/every computer you use/);
  });

  it('states the refund window in days', () => {
    expect(pages.refunds).toContain('<strong>21 days</strong>');
    expect(pages.terms).toContain('21 days');
  });

  it('says what the site keeps in each mode, and what Stripe keeps', () => {
    expect(pages.privacy).toMatch(/this site keeps no record of your purchase/);
    expect(pages.privacy).not.toMatch(/ledger/);
    expect(pages.privacy).toMatch(/Stripe/);
    const server = renderLegalPages(join(import.meta.dirname, '..', 'content'), {
      ...BUILD,
      fulfilment: 'server',
    });
    expect(server.privacy).toMatch(/ledger/);
    expect(server.privacy).toMatch(/email address you paid with/);
    expect(server.privacy).not.toMatch(/this site keeps no record/);
  });
});
