// What the HTML a page's server sends says, before any script runs: whether it already holds the
// element Lighthouse reported as the largest contentful paint, and which requests in it would block
// rendering. Checked by scripts/lighthouse.mjs; load cannot change either answer.
import { JSDOM } from 'jsdom';

const normalise = (text) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Whether the element Lighthouse reported as LCP is in the HTML the server sends, before any
 * script runs: parsed without scripts, found by Lighthouse's selector, same tag, and (for an
 * element with text) the same text.
 */
export function lcpElementInHtml(html, element) {
  if (element === null) return { ok: false, why: 'Lighthouse reported no LCP element' };
  const { document } = new JSDOM(html).window;
  let found;
  try {
    found = document.querySelector(element.selector);
  } catch (error) {
    return { ok: false, why: `selector ${element.selector} does not parse: ${error.message}` };
  }
  if (found === null)
    return { ok: false, why: `no ${element.selector} in the served HTML (${element.snippet})` };
  const tag = /^<([a-z0-9-]+)/i.exec(element.snippet ?? '')?.[1]?.toLowerCase();
  if (tag && found.tagName.toLowerCase() !== tag)
    return {
      ok: false,
      why: `${element.selector} is a <${found.tagName.toLowerCase()}>, not <${tag}>`,
    };
  // Lighthouse shortens long labels with an ellipsis; an image's label is its alt text.
  const label = normalise(element.nodeLabel).replace(/…$/, '').trim();
  const text = normalise(found.textContent);
  const alt = normalise(found.getAttribute('alt'));
  if (label !== '' && !text.includes(label) && !alt.includes(label))
    return { ok: false, why: `${element.selector} in the served HTML does not say "${label}"` };
  return { ok: true, why: `${element.selector} (${element.snippet})` };
}

/**
 * Render-blocking requests the served HTML asks for: stylesheets, classic scripts in <head>, and
 * module scripts (`<script type="module" src>`, not async) anywhere: the browser paints before
 * running them, but fetches them at high priority before the first paint, and Lighthouse's
 * simulation counts them in the first paint's path. The pages start their scripts from an
 * inline bootstrap instead (vite-plugins/bootstrap.ts).
 */
export function renderBlockingInHtml(html) {
  const { document } = new JSDOM(html).window;
  const sheets = [...document.querySelectorAll('link[rel~="stylesheet"]')]
    .filter(
      (link) => !link.hasAttribute('disabled') && (link.getAttribute('media') ?? 'all') !== 'print',
    )
    .map((link) => link.getAttribute('href'));
  const scripts = [...document.head.querySelectorAll('script[src]')]
    .filter(
      (script) =>
        script.getAttribute('type') !== 'module' &&
        !script.hasAttribute('async') &&
        !script.hasAttribute('defer'),
    )
    .map((script) => script.getAttribute('src'));
  const modules = [...document.querySelectorAll('script[type="module"][src]')]
    .filter((script) => !script.hasAttribute('async'))
    .map((script) => script.getAttribute('src'));
  return [...sheets, ...scripts, ...modules];
}
