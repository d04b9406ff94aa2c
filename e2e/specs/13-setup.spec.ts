// Journey 13: after the download the buyer sets Local Memory up and connects their AI tools from
// the Success page; the same guide, without a key, is public at /docs/setup.
import { expect, test } from '../fixtures/test';
import { SetupGuide } from '../pages/SetupGuide';
import { axeAudit } from '../support/axe';
import { grantClipboard, readClipboard } from '../support/clipboard';
import { ORIGIN } from '../support/settings';

const MAC_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const WINDOWS_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

test.describe('on a Mac', () => {
  test.use({ userAgent: MAC_UA });

  test('the buyer copies the Claude Desktop configuration as valid JSON', async ({
    context,
    page,
    success,
    guide,
  }) => {
    await grantClipboard(context);
    await success.open('cs_test_a1SetupOnMac0123456789abcdefABCDEF');
    await expect(guide.platform('macOS')).toBeChecked();
    await expect(guide.section).toContainText(
      '~/Library/Application Support/Claude/claude_desktop_config.json',
      { useInnerText: false },
    );

    const shown = await guide.copyClient('Claude Desktop');
    await expect(guide.status).toHaveText('Claude Desktop configuration copied to the clipboard');
    const copied = await readClipboard(page);
    expect(copied).toBe(shown);
    expect(JSON.parse(copied)).toEqual({
      mcpServers: { 'local-memory': { command: '/usr/local/bin/local-memory', args: ['--mcp'] } },
    });
  });
});

test.describe('on Windows', () => {
  test.use({ userAgent: WINDOWS_UA });

  test('the buyer copies the VS Code configuration as valid JSON', async ({
    context,
    page,
    success,
    guide,
  }) => {
    await grantClipboard(context);
    await success.open('cs_test_a1SetupOnWindows0123456789abcdefABCDEF');
    await expect(guide.platform('Windows')).toBeChecked();

    await guide.copyClient('VS Code');
    await expect(guide.status).toHaveText('VS Code configuration copied to the clipboard');
    expect(JSON.parse(await readClipboard(page))).toEqual({
      servers: {
        'local-memory': {
          type: 'stdio',
          command: 'C:\\Program Files\\Local Memory\\local-memory.exe',
          args: ['--mcp'],
        },
      },
    });
  });
});

test('the agent prompt holds the key from the page exactly once', async ({
  context,
  page,
  success,
  guide,
}) => {
  await grantClipboard(context);
  await success.open('cs_test_a1SetupAgentPrompt0123456789abcdefABCDEF');
  const key = (await success.licenseKey.textContent())?.trim() ?? '';
  expect(key).toMatch(/^LM(-[0-9A-Z]{4}){5}$/);
  await guide.section.getByText('Let your coding agent do it').click();
  await guide.section.getByRole('button', { name: 'Copy agent prompt' }).click();
  await expect(guide.status).toHaveText('Agent prompt copied to the clipboard');
  const prompt = await readClipboard(page);
  expect(prompt.split(key)).toHaveLength(2);
  expect(prompt).toContain(`local-memory license activate '${key}' --accept-terms`);
});

test('the public guide is linked from "How it works" and has no key', async ({
  page,
  home,
  guide,
}) => {
  await home.open();
  const how = page.getByRole('region', { name: 'How it works' });
  await how.getByRole('link', { name: 'Read the setup guide' }).click();
  await expect(page).toHaveURL(/\/docs\/setup$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Set up Local Memory and connect your AI tools',
  );
  await expect(guide.section.getByRole('figure', { name: /^Activate commands/ })).toHaveText(
    "local-memory license activate 'YOUR-LICENSE-KEY' --accept-terms",
  );
  await expect(page.locator('body')).not.toContainText(/LM-[0-9A-Z]{4}-/);
});

test('/docs/setup is a complete page without JavaScript: the guide and every client', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const response = await page.goto(`${ORIGIN}/docs/setup`);
    expect(response?.status()).toBe(200);
    const guide = new SetupGuide(page);
    await expect(
      guide.section.getByRole('heading', { name: 'Connect your AI tools' }),
    ).toBeVisible();
    for (const client of ['Claude Code', 'Claude Desktop', 'VS Code', 'Cursor', 'Windsurf']) {
      await expect(guide.section.getByText(client, { exact: true })).toBeVisible();
    }
    await expect(
      page.getByText('local-memory license activate', { exact: false }).first(),
    ).toBeVisible();
  } finally {
    await context.close();
  }
});

test('the key and the primary download stay on the first screen at 390×844', async ({
  page,
  success,
  guide,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await success.open('cs_test_a1SetupAboveTheFold0123456789abcdefABCDEF');
  await expect(guide.section).toBeVisible();
  for (const [name, target] of [
    ['license key', success.licenseKey],
    ['primary download', success.recommended],
  ] as const) {
    const box = await target.boundingBox();
    expect(box).not.toBeNull();
    const bottom = (box?.y ?? 0) + (box?.height ?? 0);
    test.info().annotations.push({ type: 'fold', description: `${name} ends at ${bottom} px` });
    expect(bottom).toBeLessThanOrEqual(844);
  }
  // The guide itself starts below them.
  const guideBox = await guide.section.boundingBox();
  const downloadBox = await success.recommended.boundingBox();
  expect(guideBox?.y ?? 0).toBeGreaterThan(downloadBox?.y ?? Number.POSITIVE_INFINITY);
});

const PAGES = [
  {
    name: 'success with the guide and the release details',
    path: '/success?session_id=cs_test_a1SetupAxe0123456789abcdefABCDEF',
  },
  { name: 'docs/setup', path: '/docs/setup' },
];
for (const viewport of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: '375 px', width: 375, height: 812 },
]) {
  for (const { name, path } of PAGES) {
    test(`${name} has no axe violations, every disclosure open (${viewport.name})`, async ({
      page,
      guide,
      store,
      success,
    }) => {
      const paid = path.startsWith('/success');
      // Stocked for now: the Success page shows its release details too (journeys that fake
      // the time stock other windows in the same store).
      if (paid) await store.stock(Math.floor(Date.now() / 1000));
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.goto(path);
      await expect(guide.section).toBeVisible();
      if (paid) await expect(success.release).toBeVisible();
      // Hydrated: the guide has switched to this machine's platform (Chromium here runs on
      // Linux), so opening the disclosures now cannot be undone by that switch.
      await expect(guide.platform('Linux')).toBeChecked();
      await guide.expandAll();
      await expect(guide.section.locator('details:not([open])')).toHaveCount(0);
      const { violations, passes } = await axeAudit(page);
      expect(violations).toEqual([]);
      expect(passes).toBeGreaterThan(10);
      // Long commands and JSON wrap instead of pushing the page sideways.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
}
