// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { lcpElementInHtml, renderBlockingInHtml } from './served-html.mjs';

const page = (head: string, body: string) =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

const prerendered = page(
  '<style>p{margin:0}</style><script type="module" data-entry="/assets/index.js">import(document.querySelector("script[data-entry]").dataset.entry)</script>',
  '<div id="root"><main id="main"><section class="hero"><p class="lead">Your memory,\n  on your machine.</p></section></main></div>',
);
const lead = {
  selector: 'main#main > section.hero > p.lead',
  snippet: '<p class="lead">',
  nodeLabel: 'Your memory, on your machine.',
};

describe('lcpElementInHtml', () => {
  it('finds the element by selector, tag and text in the HTML as served', () => {
    expect(lcpElementInHtml(prerendered, lead)).toEqual({
      ok: true,
      why: 'main#main > section.hero > p.lead (<p class="lead">)',
    });
  });

  it('accepts a label Lighthouse shortened with an ellipsis', () => {
    expect(lcpElementInHtml(prerendered, { ...lead, nodeLabel: 'Your memory, on…' }).ok).toBe(true);
  });

  it('fails when only a script would render the element', () => {
    const shell = page('', '<div id="root"></div>');
    const found = lcpElementInHtml(shell, lead);
    expect(found.ok).toBe(false);
    expect(found.why).toMatch(/no main#main > section.hero > p.lead in the served HTML/);
  });

  it('fails when the element says something else before scripts run', () => {
    const placeholder = prerendered.replace('Your memory,\n  on your machine.', 'Loading…');
    expect(lcpElementInHtml(placeholder, lead)).toMatchObject({ ok: false });
  });

  it('fails when the tag differs, and when Lighthouse reported no element', () => {
    expect(lcpElementInHtml(prerendered, { ...lead, snippet: '<h1 class="lead">' }).ok).toBe(false);
    expect(lcpElementInHtml(prerendered, null)).toEqual({
      ok: false,
      why: 'Lighthouse reported no LCP element',
    });
  });
});

describe('renderBlockingInHtml', () => {
  it('finds nothing in a page with inline CSS and an inline bootstrap script', () => {
    expect(renderBlockingInHtml(prerendered)).toEqual([]);
  });

  it('names a module script the HTML requests, unless it is async', () => {
    const requested = page(
      '<script type="module" crossorigin src="/assets/index.js"></script>' +
        '<script type="module" async src="/assets/later.js"></script>',
      '',
    );
    expect(renderBlockingInHtml(requested)).toEqual(['/assets/index.js']);
  });

  it('names stylesheets and classic scripts in <head>', () => {
    const blocking = page(
      '<link rel="stylesheet" href="/a.css"><link rel="stylesheet" href="/print.css" media="print">' +
        '<script src="/sync.js"></script><script src="/later.js" defer></script><script src="/any.js" async></script>',
      '<script src="/body.js"></script>',
    );
    expect(renderBlockingInHtml(blocking)).toEqual(['/a.css', '/sync.js']);
  });
});
