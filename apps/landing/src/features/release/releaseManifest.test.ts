import { describe, expect, it, vi } from 'vitest';
import {
  checksumCommands,
  loadReleaseInfo,
  parseReleaseManifest,
  ReleaseManifestError,
  SYSTEM_REQUIREMENTS,
} from './releaseManifest';

const HASH = (c: string) => c.repeat(64);
/** The shape download-ops' upload() writes (packages/download-ops/src/operations/upload.ts). */
const MANIFEST = {
  schemaVersion: 1,
  // 2026-11-20T09:30:00Z, in Unix seconds as upload() writes it.
  uploadedAt: 1_795_167_000,
  build: { version: '1.4.2', commit: 'abc1234' },
  artifacts: {
    universal: { filename: 'local-memory-universal.zip', size: 58_000_000, sha256: HASH('d') },
    linux: { filename: 'local-memory-linux.zip', size: 14_200_000, sha256: HASH('c') },
    macos: { filename: 'local-memory-macos.zip', size: 30_100_000, sha256: HASH('a') },
    windows: { filename: 'local-memory-windows.zip', size: 15_300_000, sha256: HASH('b') },
  },
};

describe('parseReleaseManifest', () => {
  it('reads version, date and every artifact in display order, with requirements', () => {
    const release = parseReleaseManifest(MANIFEST);
    expect(release.version).toBe('1.4.2');
    expect(release.releasedAt).toBe('2026-11-20T09:30:00.000Z');
    expect(release.artifacts.map((a) => a.platform)).toEqual([
      'macos',
      'windows',
      'linux',
      'universal',
    ]);
    expect(release.artifacts[0]).toEqual({
      platform: 'macos',
      label: 'macOS (Apple silicon and Intel)',
      filename: 'local-memory-macos.zip',
      size: 30_100_000,
      sha256: HASH('a'),
      requirements: SYSTEM_REQUIREMENTS.macos,
    });
  });

  it('still reads a manifest written before uploadedAt was Unix seconds (ISO 8601)', () => {
    const release = parseReleaseManifest({ ...MANIFEST, uploadedAt: '2026-11-20T09:30:00.000Z' });
    expect(release.releasedAt).toBe('2026-11-20T09:30:00.000Z');
  });

  it('takes requirements from the manifest when it states them', () => {
    const release = parseReleaseManifest({
      ...MANIFEST,
      requirements: { linux: 'glibc 2.35 or later' },
    });
    expect(release.artifacts.find((a) => a.platform === 'linux')?.requirements).toBe(
      'glibc 2.35 or later',
    );
  });

  it.each([
    ['not an object', 'release'],
    ['another schema', { ...MANIFEST, schemaVersion: 2 }],
    ['no date', { ...MANIFEST, uploadedAt: 'yesterday' }],
    ['a fractional date', { ...MANIFEST, uploadedAt: 1_795_167_000.5 }],
    ['a negative date', { ...MANIFEST, uploadedAt: -1 }],
    ['no artifacts', { ...MANIFEST, artifacts: {} }],
    [
      'a wrong file name',
      { ...MANIFEST, artifacts: { linux: { ...MANIFEST.artifacts.linux, filename: 'evil.sh' } } },
    ],
    [
      'a short hash',
      { ...MANIFEST, artifacts: { linux: { ...MANIFEST.artifacts.linux, sha256: 'abc' } } },
    ],
    [
      'a negative size',
      { ...MANIFEST, artifacts: { linux: { ...MANIFEST.artifacts.linux, size: -1 } } },
    ],
  ])('rejects %s', (_name, value) => {
    expect(() => parseReleaseManifest(value)).toThrow(ReleaseManifestError);
  });
});

describe('checksumCommands', () => {
  it('gives each system its own command, naming the file', () => {
    expect(checksumCommands('macos', 'local-memory-macos.zip')).toEqual([
      { system: 'macOS (Terminal)', command: 'shasum -a 256 local-memory-macos.zip' },
    ]);
    expect(checksumCommands('windows', 'local-memory-windows.zip')).toEqual([
      {
        system: 'Windows (PowerShell)',
        command: 'Get-FileHash local-memory-windows.zip -Algorithm SHA256',
      },
    ]);
    expect(checksumCommands('linux', 'local-memory-linux.zip')).toEqual([
      { system: 'Linux', command: 'sha256sum local-memory-linux.zip' },
    ]);
    expect(
      checksumCommands('universal', 'local-memory-universal.zip').map((c) => c.command),
    ).toEqual([
      'shasum -a 256 local-memory-universal.zip',
      'Get-FileHash local-memory-universal.zip -Algorithm SHA256',
      'sha256sum local-memory-universal.zip',
    ]);
  });
});

describe('loadReleaseInfo', () => {
  it('fetches release.json beside the downloads', async () => {
    const fetchStub = vi.fn(async () => Response.json(MANIFEST));
    const release = await loadReleaseInfo('https://cdn.example.net/downloads/', fetchStub);
    expect(fetchStub).toHaveBeenCalledWith(
      'https://cdn.example.net/downloads/release.json',
      expect.anything(),
    );
    expect(release.version).toBe('1.4.2');
  });

  it.each([
    ['offline', async () => Promise.reject(new TypeError('Failed to fetch'))],
    ['404', async () => new Response('no', { status: 404 })],
    ['not JSON', async () => new Response('<html>')],
  ])('fails with a ReleaseManifestError when %s', async (_name, impl) => {
    await expect(loadReleaseInfo('/downloads', vi.fn(impl))).rejects.toThrow(ReleaseManifestError);
  });
});
