// The CLI's surface: every store-changing command has a real --dry-run, each command takes only
// its own options, help and version work, and a store is named exactly once.
import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { HOURS, ops, T0 } from './cliHarness.js';
import { type Backend, STORES, useStoreFixture } from './storeFixture.js';

const fx = useStoreFixture();

describe.each(STORES)('download-ops commands and options on the $name', ({ make }) => {
  let backend: Backend;
  let env: Record<string, string>;
  beforeEach(async () => {
    backend = await make(fx);
    env = backend.env;
  });

  it('every store-changing command has a real --dry-run; options are per command', async () => {
    const empty = await backend.snapshot();
    const dry = await ops(['upload', fx.releaseA, '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json()).toMatchObject({ dryRun: true });
    expect(dry.json<{ uploaded: string[] }>().uploaded).toHaveLength(8);
    expect(await backend.snapshot()).toEqual(empty);

    expect((await ops(['upload', fx.releaseA], env)).code).toBe(0);
    const later = T0 + 12 * HOURS; // window 40649: rotate would copy into 40650
    const before = await backend.snapshot();
    const rotateDry = await ops(['rotate', '--dry-run', '--json'], env, { now: later });
    expect(rotateDry.code, rotateDry.stderr).toBe(0);
    expect(rotateDry.json<{ copied: string[] }>().copied).toHaveLength(4);
    const cleanupDry = await ops(['cleanup', '--dry-run'], env, { now: later });
    expect(cleanupDry.code, cleanupDry.stderr).toBe(0);
    expect(await backend.snapshot()).toEqual(before);

    // An option another command takes is a usage error here; unknown commands too.
    for (const argv of [
      ['verify', '--force'],
      ['rotate', '--build-version', '9.9.9'],
      ['window', '--dir', '/tmp'],
      ['cleanup', '--deep'],
      ['frobnicate'],
    ]) {
      const run = await ops(argv, env, { now: later });
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^download-ops: /m);
    }
    expect(await backend.snapshot()).toEqual(before);
    const help = await ops(['help', 'upload'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--dry-run/);
    expect(help.stdout).toMatch(/Examples:/);
    expect(help.stdout).not.toMatch(/--i-know-the-clock/);
    const version = await ops(['--version'], env);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe('1.0.0');
  });

  it('naming a folder and a bucket is an error, by option or environment', async () => {
    const folder = mkdtempSync(join(fx.scratch, 'other-'));
    const both = await ops(['upload', fx.releaseA, '--bucket', 'x', '--dir', folder], {});
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--dir .* and --bucket .* name two stores/);
    const envDir = await ops(['upload', fx.releaseA, '--bucket', 'some-bucket'], {
      DOWNLOAD_STORE_DIR: folder,
    });
    expect(envDir.code).toBe(2);
    expect(envDir.stderr).toMatch(/DOWNLOAD_STORE_DIR .* and --bucket/);
    expect(readdirSync(folder)).toEqual([]);
    expect(await backend.snapshot()).toEqual({});
  });
});
