// Journey 2: with the clock fixed, every platform's link is the one the Go reference derives for
// that moment (pinned in support/pinned.ts), the store holds the release at that place, and the
// recommended download saves exactly the release's ZIP.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOWNLOADS } from '@local-memory/catalog/install';
import { PLATFORMS } from '@local-memory/download-keys';
import { expect, test } from '../fixtures/test';
import { pinnedPath, pinnedUrl } from '../support/pinned';
import { RELEASE_DIR, STORE_DIR } from '../support/settings';

const AT = '2025-08-24T06:00:00Z'; // the middle of window 40648
const WINDOW = 40_648;
const SESSION = 'cs_test_a1DownloadJourney0123456789abcdefABCDEF';
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('links match the Go reference and the download is the released ZIP', async ({
  page,
  time,
  store,
  success,
}) => {
  await time.install(AT);
  await store.stock(time.startSeconds);
  await success.open(SESSION);

  // Chromium on Linux: Linux is recommended, the others are one click away.
  await expect(success.recommended).toHaveAttribute('data-platform', 'linux');
  await expect(success.recommended).toHaveText('Download for Linux');
  await expect(success.link('macos')).toBeHidden();
  await success.otherPlatforms.click();
  await expect(success.link('macos')).toBeVisible();
  const expected = Object.fromEntries(PLATFORMS.map((p) => [p, pinnedUrl(WINDOW, p)]));
  expect(await success.hrefs()).toEqual(expected);
  await expect(success.downloads).toContainText(DOWNLOADS.macos.filename);
  await expect(success.expiry).toContainText('Links work until');
  // The upload put each ZIP where the reference says the link points.
  for (const platform of PLATFORMS) {
    const stored = join(STORE_DIR, 'downloads', ...pinnedPath(WINDOW, platform).split('/'));
    expect(existsSync(stored), `${platform} stored at ${stored}`).toBe(true);
  }

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    success.recommended.click(),
  ]);
  expect(download.suggestedFilename()).toBe(DOWNLOADS.linux.filename);
  expect(sha256(await download.path())).toBe(sha256(join(RELEASE_DIR, DOWNLOADS.linux.filename)));
});

test('a link from an expired window is refused, pointing back to the Success page', async ({
  request,
}) => {
  const response = await request.get(pinnedUrl(1, 'linux'));
  // The file is no longer in the store: 404 from the local server (CloudFront answers such a
  // window with its 410 page, infra/lib/functions/download-links.js).
  expect(response.status()).toBe(404);
  expect(await response.text()).toContain('Open your Success page again for a fresh link');
});

const USER_AGENTS = [
  {
    os: 'macOS',
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
    recommended: 'macos',
    text: 'Download for macOS',
  },
  {
    os: 'Windows',
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
    recommended: 'windows',
    text: 'Download for Windows',
  },
  {
    os: 'a phone',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
    recommended: null,
    text: null,
  },
];

for (const agent of USER_AGENTS) {
  test.describe(`on ${agent.os}`, () => {
    test.use({ userAgent: agent.ua });
    test(`recommends ${agent.recommended ?? 'nothing'} and keeps every platform reachable`, async ({
      success,
    }) => {
      await success.open(SESSION);
      if (agent.recommended === null) {
        await expect(success.recommended).toHaveCount(0);
        await expect(success.downloads).toContainText('Choose the download for the computer');
      } else {
        await expect(success.recommended).toHaveAttribute('data-platform', agent.recommended);
        await expect(success.recommended).toHaveText(agent.text ?? '');
        await success.otherPlatforms.click();
      }
      for (const platform of PLATFORMS) await expect(success.link(platform)).toBeVisible();
    });
  });
}
