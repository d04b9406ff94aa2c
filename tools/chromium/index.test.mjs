// What PLAYWRIGHT_ARGS does to a real Chromium launched by Playwright: the omnibox's WebUI popup
// is gone, and every feature Playwright turns off itself stays off. The features a browser runs
// with are read where Chromium states them, on its renderers' command lines (Linux /proc).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  PLAYWRIGHT_ARGS,
  PLAYWRIGHT_DISABLED_FEATURES,
  UNNEEDED_FEATURES,
} from './index.mjs';

/** Every process below `root`, with its command line. */
function descendants(root) {
  const parent = new Map();
  const cmdline = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      // Chromium rewrites its children's titles: their arguments arrive joined by spaces.
      cmdline.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8').split(/[\0 ]/));
    } catch {
      // The process ended while we read.
    }
  }
  const below = (pid) => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p))
      if (p === root) return true;
    return false;
  };
  return [...cmdline].filter(([pid]) => below(pid)).map(([, args]) => args);
}

/**
 * Launch Chromium with `args`, open one page in a new context (as each test does), and report the
 * browser's targets and the features its page renderers run with turned off.
 */
async function observe(args) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...args] });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent('<h1>observed</h1>');
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    const renderers = descendants(process.pid).filter((a) => a.includes('--type=renderer'));
    assert.ok(renderers.length > 0, 'no renderer of this browser was found under /proc');
    const disabled = renderers.map((a) => {
      const flag = a.find((arg) => arg.startsWith('--disable-features='));
      return new Set(flag ? flag.slice('--disable-features='.length).split(',') : []);
    });
    return { urls: targetInfos.map((t) => t.url), disabled };
  } finally {
    await browser.close();
  }
}

describe('PLAYWRIGHT_ARGS in a real Chromium', () => {
  let defaults;
  let ours;
  before(async () => {
    defaults = await observe(CHROMIUM_ARGS);
    ours = await observe(PLAYWRIGHT_ARGS);
  });

  it('with Playwright’s flags alone, a new context loads the omnibox popup as WebUI', () => {
    assert.ok(
      defaults.urls.some((url) => url.startsWith('chrome://omnibox-popup')),
      `no omnibox popup among ${defaults.urls.join(', ')}: this Chromium no longer loads it, and UNNEEDED_FEATURES can go`,
    );
  });

  it('turns the omnibox popup off', () => {
    assert.deepEqual(
      ours.urls.filter((url) => url.startsWith('chrome://')),
      [],
      'a chrome:// page still loads',
    );
    for (const features of ours.disabled)
      for (const feature of UNNEEDED_FEATURES) assert.ok(features.has(feature), feature);
  });

  it('lists exactly the features Playwright turns off itself', () => {
    for (const features of defaults.disabled)
      assert.deepEqual(
        [...features].sort(),
        [...PLAYWRIGHT_DISABLED_FEATURES].sort(),
        'Playwright changed its --disable-features: copy its list into PLAYWRIGHT_DISABLED_FEATURES',
      );
  });

  it('keeps every feature Playwright turns off, off', () => {
    for (const features of ours.disabled)
      for (const feature of PLAYWRIGHT_DISABLED_FEATURES) assert.ok(features.has(feature), feature);
  });
});
