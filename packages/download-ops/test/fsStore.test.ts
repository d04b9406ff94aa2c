// The filesystem backend (landing demo, dry local runs): same layout and operations as S3, atomic
// writes, no escape from its root; and cleanup keeps the only complete copy when rotation lags.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { s3ObjectKey } from '@local-memory/download-keys';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDemoRelease } from '../src/demoRelease.js';
import { FsStore } from '../src/store/fsStore.js';
import { HOURS, ops, SECRET, T0 } from './cliHarness.js';

let root: string;
let release: string;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'fs-store-'));
  release = mkdtempSync(join(tmpdir(), 'release-'));
  await makeDemoRelease(release);
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(release, { recursive: true, force: true });
});

describe('the filesystem store', () => {
  it('lays files out exactly as the S3 keys and the download URLs say', async () => {
    const run = await ops(['upload', release, '--dir', root], {});
    expect(run.code, run.stderr).toBe(0);
    for (const w of [40648, 40649]) {
      const file = join(root, ...s3ObjectKey(SECRET, w, 'windows', 'downloads').split('/'));
      expect(existsSync(file), file).toBe(true);
    }
    expect((await ops(['verify', '--deep', '--dir', root], {})).code).toBe(0);
    // No temporary files are left behind by the atomic writes.
    const all = readdirSync(root, { recursive: true }).map(String);
    expect(all.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('explains an unreadable secret file or a short secret, with exit 1 and no upload', async () => {
    const missing = await ops(
      ['upload', release, '--dir', root, '--secret-file', join(root, 'absent-secret')],
      { DOWNLOAD_SECRET: '' },
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read the secret file .*absent-secret \(ENOENT\)/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const short = await ops(['upload', release, '--dir', root], { DOWNLOAD_SECRET: 'too-short' });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/32/);
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses keys that would escape its folder', async () => {
    const store = new FsStore(root);
    await expect(store.get('../outside')).rejects.toMatchObject({
      code: 'UNSAFE_S3_KEY',
      message: expect.stringMatching(/escapes the store/),
    });
    await expect(store.head('downloads/../../etc/passwd')).rejects.toMatchObject({
      code: 'UNSAFE_S3_KEY',
    });
  });

  it('cleanup keeps the newest complete window and the four newest when rotation has not caught up', async () => {
    expect((await ops(['upload', release, '--dir', root], {})).code).toBe(0);
    const later = T0 + 72 * HOURS; // current window 40654: 40648 and 40649 are past retention
    // Rotation stopped three days ago: the clock guard refuses until rotate has run.
    const refused = await ops(['cleanup', '--json', '--dir', root], {}, { now: later });
    expect(refused.code).toBe(1);
    expect(refused.json()).toMatchObject({ error: { code: 'CLOCK_SKEW' } });
    // Told the clock is right, it still keeps the only complete copies.
    const dry = await ops(
      ['cleanup', '--dry-run', '--json', '--i-know-the-clock', '--dir', root],
      {},
      { now: later },
    );
    expect(dry.json()).toMatchObject({
      deletedWindows: [],
      sourceKept: 40649,
      protectedWindows: [40648, 40649],
    });
    const rotated = await ops(['rotate', '--json', '--dir', root], {}, { now: later });
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.json()).toMatchObject({ sourceWindow: 40649 });
    const after = await ops(['cleanup', '--json', '--dir', root], {}, { now: later });
    expect(after.code, after.stderr).toBe(0);
    expect(after.json()).toMatchObject({ deletedWindows: [], sourceKept: null });
    // A day on, rotated again: the old windows are no longer among the four newest and go.
    const dayLater = later + 24 * HOURS;
    expect((await ops(['rotate', '--dir', root], {}, { now: dayLater })).code).toBe(0);
    const final = await ops(['cleanup', '--json', '--dir', root], {}, { now: dayLater });
    expect(final.json()).toMatchObject({
      deletedWindows: [40648, 40649],
      keptWindows: [40654, 40655, 40656, 40657],
    });
    expect((await ops(['verify', '--deep', '--dir', root], {}, { now: dayLater })).code).toBe(0);
  });
});
