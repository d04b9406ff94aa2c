import { PLATFORMS, parseDownloadPath, s3ObjectKey } from '@local-memory/download-keys';
import vectors from '@local-memory/download-keys/vectors/download-hashes.json' with {
  type: 'json',
};
import { describe, expect, it } from 'vitest';
import {
  activationCommand,
  DOWNLOADS,
  INSTALL_PATHS,
  PROGRAM_FILES,
  WINDOWS_INSTALL_DIR,
} from './install.js';
import { OS_NAMES } from './osNames.js';
import { PRODUCT_COMMAND } from './product.js';

describe('DOWNLOADS', () => {
  it('has one download per platform of the algorithm, named after the program', () => {
    expect(Object.keys(DOWNLOADS)).toEqual([...PLATFORMS]);
    for (const platform of PLATFORMS) {
      expect(DOWNLOADS[platform].filename).toBe(`${PRODUCT_COMMAND}-${platform}.zip`);
    }
  });

  it('names the files the specification vectors expect (docs/algorithms.md, S3 keys)', () => {
    expect(vectors.cases.length).toBeGreaterThan(0);
    for (const vector of vectors.cases) {
      const platform = vector.platform as (typeof PLATFORMS)[number];
      expect(DOWNLOADS[platform].filename, vector.id).toBe(vector.filename);
      expect(vector.s3Key.endsWith(`/${platform}/${DOWNLOADS[platform].filename}`)).toBe(true);
    }
  });

  it('gives file names that survive an S3 key and read back', () => {
    for (const platform of PLATFORMS) {
      const key = s3ObjectKey('catalogue-test-secret-0123456789', 40648, platform);
      expect(key).toMatch(/^[A-Za-z0-9._/-]+$/);
      expect(parseDownloadPath(key)).toMatchObject({
        platform,
        filename: DOWNLOADS[platform].filename,
      });
    }
  });

  it('packs plain program names (no folders, no "..") starting with the command name', () => {
    for (const platform of PLATFORMS) {
      const { contents } = DOWNLOADS[platform];
      expect(contents).toContain('README');
      for (const entry of contents.filter((name) => name !== 'README')) {
        expect(entry).toMatch(new RegExp(`^${PRODUCT_COMMAND}-[a-z0-9-]+(\\.exe)?$`));
      }
    }
  });
});

describe('PROGRAM_FILES', () => {
  it('names programs each platform ZIP holds, and the universal ZIP holds them all', () => {
    expect(DOWNLOADS.macos.contents).toContain(PROGRAM_FILES.macosArm);
    expect(DOWNLOADS.macos.contents).toContain(PROGRAM_FILES.macosIntel);
    expect(DOWNLOADS.windows.contents).toContain(PROGRAM_FILES.windows);
    expect(DOWNLOADS.linux.contents).toContain(PROGRAM_FILES.linux);
    const programs = Object.values(PROGRAM_FILES);
    expect([...DOWNLOADS.universal.contents].sort()).toEqual([...programs, 'README'].sort());
  });
});

describe('OS_NAMES', () => {
  it('names every desktop platform an install path exists for', () => {
    expect(Object.keys(OS_NAMES)).toEqual(Object.keys(INSTALL_PATHS));
    expect(PLATFORMS.filter((p) => p !== 'universal')).toEqual(Object.keys(OS_NAMES));
  });
});

describe('INSTALL_PATHS', () => {
  it('puts the program under its command name on every desktop platform', () => {
    expect(INSTALL_PATHS.macos).toBe('/usr/local/bin/local-memory');
    expect(INSTALL_PATHS.linux).toBe('/usr/local/bin/local-memory');
    expect(INSTALL_PATHS.windows).toBe('C:\\Program Files\\Local Memory\\local-memory.exe');
    expect(INSTALL_PATHS.windows.startsWith(`${WINDOWS_INSTALL_DIR}\\`)).toBe(true);
  });
});

describe('activationCommand', () => {
  it('runs the program by its command name', () => {
    expect(activationCommand('LM-ABCD-EFGH-JKLM-NPQR-STUV')).toBe(
      `${PRODUCT_COMMAND} license activate 'LM-ABCD-EFGH-JKLM-NPQR-STUV' --accept-terms`,
    );
  });
});
