import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manifestKey, readManifest, uploadedAtSeconds } from './manifest.js';
import { cleanup } from './operations/cleanup.js';
import { FsStore } from './store/fsStore.js';

/** 2025-08-24T00:00:00Z, the start of window 40648. */
const T0 = 1_755_993_600;
const artifact = { filename: 'x.zip', size: 1, sha256: 'a'.repeat(64) };
const manifest = (uploadedAt: unknown) => ({
  schemaVersion: 1,
  uploadedAt,
  build: {},
  artifacts: { macos: artifact, windows: artifact, linux: artifact, universal: artifact },
});

let root: string;
let store: FsStore;
const write = (value: unknown) =>
  store.putBytes(manifestKey('downloads'), new TextEncoder().encode(JSON.stringify(value)));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'manifest-'));
  store = new FsStore(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the release manifest', () => {
  it('reads uploadedAt written as ISO 8601 (what upload writes today) or as Unix seconds', async () => {
    await write(manifest('2025-08-24T00:00:00.000Z'));
    expect(uploadedAtSeconds(await readManifest(store, 'downloads'))).toBe(T0);
    await write(manifest(T0));
    expect(uploadedAtSeconds(await readManifest(store, 'downloads'))).toBe(T0);
  });

  it('refuses an uploadedAt that is neither', async () => {
    for (const bad of ['yesterday', -1, 1.5, '2025-08-24']) {
      await write(manifest(bad));
      await expect(readManifest(store, 'downloads'), String(bad)).rejects.toMatchObject({
        code: 'BAD_MANIFEST',
      });
    }
  });

  it("guards cleanup's clock with an uploadedAt in Unix seconds as with an ISO one", async () => {
    await write(manifest(T0));
    const ctx = { store, secret: 'MANIFEST-TEST-ONLY-secret-0123456789', prefix: 'downloads' };
    await expect(cleanup({ ...ctx, now: T0 + 72 * 3600 })).rejects.toMatchObject({
      code: 'CLOCK_SKEW',
    });
    await expect(cleanup({ ...ctx, now: T0 + 3600 })).resolves.toMatchObject({ manifest: 'ok' });
  });
});
