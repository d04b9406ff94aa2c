#!/usr/bin/env node
// Draws the social card (1200×630) and the favicon PNGs from HTML in Debian's Chromium and writes
// them to public/. Run by hand when the brand changes; the outputs are committed.
//   node scripts/make-images.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH, PLAYWRIGHT_ARGS } from '@local-memory/chromium';
import { chromium } from 'playwright-core';
import { appDir } from './preview-server.mjs';

const publicDir = join(appDir, 'public');
const MARK = (size) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="${size}" height="${size}"><rect width="32" height="32" rx="7" fill="#0f766e"/><path d="M9 8v16h14v-4H13V8z" fill="#fff"/></svg>`;
const CARD = `<!doctype html><html><body style="margin:0;width:1200px;height:630px;display:flex;flex-direction:column;justify-content:center;padding:0 96px;box-sizing:border-box;background:#0d1514;color:#e6efee;font-family:'Liberation Sans',Arial,sans-serif">
<div style="display:flex;align-items:center;gap:28px">${MARK(112)}<span style="font-size:64px;font-weight:700">Local Memory</span></div>
<p style="font-size:52px;line-height:1.2;font-weight:700;margin:48px 0 0">Your AI forgets everything.<br><span style="color:#2dd4bf">Local Memory doesn't.</span></p>
<p style="font-size:30px;color:#a9bbb9;margin:32px 0 0">Persistent memory for your AI agents, on your machine.</p>
</body></html>`;

/** An ICO holding one PNG image (allowed since Windows Vista, read by every browser). */
function icoOf(png, size) {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // offset of the image
  return Buffer.concat([header, png]);
}

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...PLAYWRIGHT_ARGS],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
  await page.setContent(CARD);
  writeFileSync(join(publicDir, 'social-card.png'), await page.screenshot({ type: 'png' }));
  for (const [file, size] of [
    ['apple-touch-icon.png', 180],
    ['icon-192.png', 192],
    ['icon-512.png', 512],
    ['favicon.ico', 32],
  ]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<body style="margin:0">${MARK(size)}</body>`);
    const png = await page.screenshot({ type: 'png', omitBackground: true });
    writeFileSync(join(publicDir, file), file.endsWith('.ico') ? icoOf(png, size) : png);
  }
} finally {
  await browser.close();
}
