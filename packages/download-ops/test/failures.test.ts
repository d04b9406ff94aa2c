// How the CLI fails: one line on stderr, one JSON object under --json, and under --debug the
// stack of the error and of every cause under it.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoRelease } from '../src/demoRelease.js';
import { FsStore } from '../src/store/fsStore.js';
import { ops } from './cliHarness.js';

/** A scratch folder and the demo release, made before the file's tests and removed after. */
const fx = { scratch: '', releaseA: '' };
beforeAll(async () => {
  fx.scratch = mkdtempSync(join(tmpdir(), 'ops-cli-'));
  fx.releaseA = join(fx.scratch, 'release-a');
  await makeDemoRelease(fx.releaseA);
});
afterAll(() => rmSync(fx.scratch, { recursive: true, force: true }));

describe('every failure is one line, and one JSON object under --json', () => {
  it('explains a missing, short or unreadable secret without a stack', async () => {
    const folder = mkdtempSync(join(fx.scratch, 'store-'));
    const unreadable = join(folder, 'secret-dir');
    mkdirSync(unreadable);
    const cases: [Record<string, string>, string][] = [
      [{ DOWNLOAD_SECRET: '' }, 'missing'],
      [{ DOWNLOAD_SECRET: 'too-short' }, 'short'],
      [{ DOWNLOAD_SECRET: '', DOWNLOAD_SECRET_FILE: unreadable }, 'unreadable'],
    ];
    for (const [secretEnv, what] of cases) {
      const run = await ops(['verify', '--json'], { DOWNLOAD_STORE_DIR: folder, ...secretEnv });
      expect(run.code, what).toBe(1);
      expect(run.stderr.trim().split('\n'), what).toHaveLength(1);
      expect(run.stderr, what).not.toMatch(/unexpected failure|\n\s+at /);
      // Matched by shape: holds whether or not isDownloadKeysError sees across entries.
      const { error } = run.json<{ error: { code: string; message: string } }>();
      expect(error.code, what).toMatch(/^(INVALID_SECRET|SECRET_TOO_SHORT)$/);
      expect(error.message.length, what).toBeGreaterThan(10);
    }
  });

  it('an unexpected failure is one line (stack only with --debug)', async () => {
    const broken = new FsStore(mkdtempSync(join(fx.scratch, 'store-')));
    broken.get = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'size')");
    };
    const run = await ops(['verify', '--json'], {}, { store: broken });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.json()).toMatchObject({ error: { code: 'UNEXPECTED' } });
    const debug = await ops(['verify', '--debug'], {}, { store: broken });
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('--debug shows the cause under the message: the error that made it', async () => {
    const missing = join(fx.scratch, 'no-such-payload.json');
    const plain = await ops(['validate-dispatch', missing], {});
    expect(plain.code).toBe(1);
    expect(plain.stderr.trim().split('\n')).toEqual([
      `download-ops: cannot read ${missing} (ENOENT)`,
    ]);
    const debug = await ops(['validate-dispatch', missing, '--debug'], {});
    expect(debug.code).toBe(1);
    // The wrapper's stack, then the file system's own error it was made from.
    expect(debug.stderr).toMatch(
      /OpsError: cannot read .*no-such-payload\.json \(ENOENT\)\n\s+at /,
    );
    expect(debug.stderr).toMatch(
      /\ncaused by: Error: ENOENT: no such file or directory, open '.*no-such-payload\.json'/,
    );
  });

  it('--debug shows every link of a longer chain, outermost first', async () => {
    const broken = new FsStore(mkdtempSync(join(fx.scratch, 'store-')));
    broken.putFile = async () => {
      throw new Error('disk full', { cause: new Error('ENOSPC on /dev/sdz') });
    };
    const run = await ops(['upload', fx.releaseA, '--debug'], {}, { store: broken });
    expect(run.code).toBe(1);
    const links = run.stderr.split('\n').filter((line) => /^(OpsError|caused by)/.test(line));
    expect(links).toEqual([
      expect.stringMatching(/^OpsError: upload of .* failed after retries: disk full/),
      'caused by: Error: disk full',
      'caused by: Error: ENOSPC on /dev/sdz',
    ]);
  });
});
