import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDemoRelease } from './demoRelease.js';
import { readRelease, sha256File, zipEntryNames } from './release.js';

/** The demo release's digests, pinned (computed once with `sha256sum`, not by this package). */
const DEMO_SHA256 = {
  macos: '09942c5fdef63a3c8eea3853ccca56541a9d8d26223317c2ca9553a5eb909ccf',
  windows: '1c12e142146e3d16cfb1be3afcce990c81d176a4907b595dc7eb69e8c5b09b66',
  linux: '44c984b37ceaa0ef8fcb9751df85dc67d679d84d0d471f1d0d5138ad6829727f',
  universal: 'd9af08d4084df5d3f7152c0fd3677223cd026aa2c6c99feb648d77c6eddde34e',
};

let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'release-unit-'));
  await makeDemoRelease(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readRelease', () => {
  it('finds the four platform ZIPs with size and SHA-256', async () => {
    const files = await readRelease(dir);
    expect(files.map((f) => f.platform)).toEqual(['macos', 'windows', 'linux', 'universal']);
    const mac = files[0];
    const bytes = readFileSync(join(dir, 'local-memory-macos.zip'));
    expect(mac?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(mac?.size).toBe(bytes.length);
    expect(Object.fromEntries(files.map((f) => [f.platform, f.sha256]))).toEqual(DEMO_SHA256);
    expect(await sha256File(join(dir, 'local-memory-linux.zip'))).toBe(DEMO_SHA256.linux);
  });

  it('is deterministic: the demo release has the same bytes every time', async () => {
    const again = mkdtempSync(join(tmpdir(), 'release-unit-'));
    await makeDemoRelease(again);
    expect((await readRelease(again)).map((f) => f.sha256)).toEqual(
      (await readRelease(dir)).map((f) => f.sha256),
    );
    rmSync(again, { recursive: true, force: true });
  });

  it('names every missing ZIP', async () => {
    rmSync(join(dir, 'local-memory-linux.zip'));
    rmSync(join(dir, 'local-memory-universal.zip'));
    await expect(readRelease(dir)).rejects.toMatchObject({
      code: 'MISSING_ZIPS',
      message: expect.stringContaining('lacks local-memory-linux.zip, local-memory-universal.zip'),
    });
    await expect(readRelease(join(dir, 'nope'))).rejects.toMatchObject({ code: 'MISSING_ZIPS' });
  });

  it('refuses a file that is not a ZIP, or a truncated one', async () => {
    writeFileSync(join(dir, 'local-memory-windows.zip'), 'MZ this is an .exe, not a zip');
    await expect(readRelease(dir)).rejects.toMatchObject({
      code: 'NOT_A_ZIP',
      message: expect.stringMatching(/local-memory-windows\.zip is not a ZIP file/),
    });
    const mac = join(dir, 'local-memory-macos.zip');
    truncateSync(mac, readFileSync(mac).length - 30);
    await expect(zipEntryNames(mac)).rejects.toMatchObject({ code: 'NOT_A_ZIP' });
  });

  it.each([
    ['a ".." segment', '../../../../home/user/.bashrc/local-memory-linux'],
    ['an absolute path', '/etc/local-memory-linux'],
    ['a drive letter', 'C:/Windows/local-memory-linux'],
    ['a backslash', 'bin\\..\\local-memory-linux'],
  ])(
    'refuses a ZIP with an entry holding %s before anything is uploaded (reproduction 9)',
    async (why, name) => {
      // Every entry the platform needs is there (the old check passed it); one more escapes.
      const linux = unzipSync(readFileSync(join(dir, 'local-memory-linux.zip')));
      linux[name] = strToU8('#!/bin/sh\n');
      writeFileSync(join(dir, 'local-memory-linux.zip'), zipSync(linux));
      await expect(readRelease(dir)).rejects.toMatchObject({
        code: 'UNSAFE_ZIP_ENTRY',
        message: expect.stringContaining(why),
      });
    },
  );

  it('refuses a ZIP that lacks the programs the platform needs', async () => {
    writeFileSync(
      join(dir, 'local-memory-linux.zip'),
      zipSync({ 'README.txt': strToU8('only a readme') }),
    );
    await expect(readRelease(dir)).rejects.toMatchObject({
      code: 'WRONG_CONTENTS',
      message: expect.stringContaining('local-memory-linux.zip lacks'),
    });
  });
});
