// upload through the CLI: what it keeps, what it refuses, and how it repairs wrong bytes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLATFORM_CATALOGUE, PLATFORMS, s3ObjectKey } from '@local-memory/download-keys';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { ops, SECRET, T0 } from './cliHarness.js';
import { type Backend, manifestOf, STORES, sha256, useStoreFixture } from './storeFixture.js';

const fx = useStoreFixture();

describe.each(STORES)('upload on the $name', ({ make }) => {
  let backend: Backend;
  let env: Record<string, string>;
  beforeEach(async () => {
    backend = await make(fx);
    env = backend.env;
  });

  it('a re-upload without --build-version keeps the recorded build', async () => {
    expect(
      (
        await ops(
          ['upload', fx.releaseA, '--build-version', '1.4.2', '--build-commit', 'abc1234'],
          env,
        )
      ).code,
    ).toBe(0);
    const again = await ops(['upload', fx.releaseA, '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json()).toMatchObject({ uploaded: [], build: { version: '1.4.2' } });
    expect((await manifestOf(backend)).build).toEqual({ version: '1.4.2', commit: 'abc1234' });
    // Unix seconds, like every time in the manifest (older manifests hold ISO 8601 text).
    expect((await manifestOf(backend)).uploadedAt).toBe(T0);
    // Told otherwise, it forgets.
    expect((await ops(['upload', fx.releaseA, '--reset-build'], env)).code).toBe(0);
    expect((await manifestOf(backend)).build).toEqual({});
  });

  it('a ZIP with an entry escaping its folder is refused before anything is uploaded', async () => {
    const evil = join(fx.scratch, `evil-${Date.now()}`);
    mkdirSync(evil);
    for (const platform of PLATFORMS) {
      const name = PLATFORM_CATALOGUE[platform].filename;
      writeFileSync(join(evil, name), readFileSync(join(fx.releaseA, name)));
    }
    const linux = unzipSync(readFileSync(join(fx.releaseA, 'local-memory-linux.zip')));
    linux['../../../../home/user/.bashrc/local-memory-linux'] = strToU8('#!/bin/sh\n');
    writeFileSync(join(evil, 'local-memory-linux.zip'), zipSync(linux));
    const run = await ops(['upload', evil, '--json'], env);
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ error: { code: 'UNSAFE_ZIP_ENTRY' } });
    expect(await backend.snapshot()).toEqual({});
  });

  it('a flipped byte is found by verify --deep, and the upload it advises repairs it', async () => {
    expect((await ops(['upload', fx.releaseA], env)).code).toBe(0);
    const key = s3ObjectKey(SECRET, 40648, 'macos', 'downloads');
    await backend.corrupt(key);
    // The cheap check reads checksum metadata only (documented), the deep one re-hashes.
    const deep = await ops(['verify', '--deep'], env);
    expect(deep.code).toBe(1);
    expect(deep.stdout).toContain(`${key}'s bytes hash to`);
    expect(deep.stdout).toContain('download-ops upload <dir> --deep');
    const repair = await ops(['upload', fx.releaseA, '--deep', '--json'], env);
    expect(repair.code, repair.stderr).toBe(0);
    expect(repair.json()).toMatchObject({ uploaded: [key], repaired: [key] });
    expect((await ops(['verify', '--deep'], env)).code).toBe(0);
    expect(sha256((await backend.read(key)) ?? new Uint8Array())).toBe(
      sha256(readFileSync(join(fx.releaseA, 'local-memory-macos.zip'))),
    );
  });
});
