import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDemoRelease } from './demoRelease.js';
import { readRelease, sha256File, zipEntryNames } from './release.js';

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
    expect(mac?.sha256).toBe(await sha256File(join(dir, 'local-memory-macos.zip')));
    expect(mac?.size).toBe(readFileSync(join(dir, 'local-memory-macos.zip')).length);
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
