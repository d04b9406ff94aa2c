// apply-dispatch at the wire: an artifact larger than declared, a non-https URL or redirect hop, a
// server that resets connections or never answers.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PLATFORM_CATALOGUE, PLATFORMS } from '@local-memory/download-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoRelease } from '../src/demoRelease.js';
import { ops } from './cliHarness.js';
import {
  startEndlessServer,
  startHangingServer,
  startRedirectServer,
  startResettingServer,
} from './faultProxy.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A scratch folder and the demo release, made before the file's tests and removed after. */
const fx = { scratch: '', releaseA: '' };
beforeAll(async () => {
  fx.scratch = mkdtempSync(join(tmpdir(), 'ops-cli-'));
  fx.releaseA = join(fx.scratch, 'release-a');
  await makeDemoRelease(fx.releaseA);
});
afterAll(() => rmSync(fx.scratch, { recursive: true, force: true }));

describe('apply-dispatch fetches: bounded, https-only, retried', () => {
  let work: string;
  const payloadWith = (urlFor: (platform: string, name: string) => string) => {
    const artifacts = PLATFORMS.map((platform) => {
      const name = PLATFORM_CATALOGUE[platform].filename;
      const bytes = readFileSync(join(fx.releaseA, name));
      return {
        platform,
        name,
        size: bytes.length,
        sha256: sha256(bytes),
        url: urlFor(platform, name),
      };
    });
    const file = join(work, `payload-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        version: '1.4.2',
        commit: 'a'.repeat(40),
        repository: 'local-memory/local-memory',
        run_url: 'https://github.com/local-memory/local-memory/actions/runs/1',
        released_at: '2025-08-24T00:00:00Z',
        artifacts,
      }),
    );
    return file;
  };
  beforeAll(() => {
    work = mkdtempSync(join(fx.scratch, 'dispatch-'));
  });

  it('stops reading once an artifact exceeds its declared size', async () => {
    const endless = await startEndlessServer(64 * 1024 * 1024);
    const folder = mkdtempSync(join(fx.scratch, 'store-'));
    const run = await ops(
      ['apply-dispatch', payloadWith((_p, name) => `${endless.origin}/${name}`), '--json'],
      { DOWNLOAD_STORE_DIR: folder },
      { io: { fetchPolicy: { allowLoopbackHttp: true } } },
    );
    await endless.stop();
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ error: { code: 'TOO_LARGE' } });
    // The declared size is 807 bytes; what was sent is bounded by socket buffers, not the cap.
    expect(endless.stats.bytesSent).toBeLessThan(8 * 1024 * 1024);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('file:// URLs fail the schema outside tests, and the file is never read', async () => {
    const folder = mkdtempSync(join(fx.scratch, 'store-'));
    const payload = payloadWith((_p, name) => pathToFileURL(join(fx.releaseA, name)).href);
    const run = await ops(['apply-dispatch', payload, '--json'], { DOWNLOAD_STORE_DIR: folder });
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ error: { code: 'INVALID_PAYLOAD' } });
    expect(run.stderr).toContain('artifacts.0.url must match pattern "^https://"');
    expect(run.stdout + run.stderr).not.toMatch(/sha256 [0-9a-f]{64}/);
    expect((await ops(['validate-dispatch', payload], {})).code).toBe(1);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a redirect to a non-https URL is refused', async () => {
    const redirect = await startRedirectServer('http://downloads.example.test/local-memory.zip');
    const folder = mkdtempSync(join(fx.scratch, 'store-'));
    const run = await ops(
      ['apply-dispatch', payloadWith((_p, name) => `${redirect.origin}/${name}`), '--json'],
      { DOWNLOAD_STORE_DIR: folder },
      { io: { fetchPolicy: { allowLoopbackHttp: true } } },
    );
    await redirect.stop();
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ error: { code: 'UNSAFE_URL' } });
    expect(run.stderr).toMatch(/https:\/\/ only, on every redirect hop/);
  });

  it('reset connections are retried with backoff and the release lands', async () => {
    const servers = await Promise.all(
      PLATFORMS.map((platform) =>
        startResettingServer(
          2,
          readFileSync(join(fx.releaseA, PLATFORM_CATALOGUE[platform].filename)),
        ),
      ),
    );
    const folder = mkdtempSync(join(fx.scratch, 'store-'));
    const run = await ops(
      [
        'apply-dispatch',
        payloadWith(
          (platform, name) => `${servers[PLATFORMS.indexOf(platform as never)]?.origin}/${name}`,
        ),
      ],
      { DOWNLOAD_STORE_DIR: folder },
      { io: { fetchPolicy: { allowLoopbackHttp: true } } },
    );
    await Promise.all(servers.map((s) => s.stop()));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/retrying local-memory-macos\.zip after attempt 1/);
    expect(servers.map((s) => s.stats.connections)).toEqual([3, 3, 3, 3]);
  });

  it('a server that never answers fails after retries with one clear line', async () => {
    const hanging = await startHangingServer();
    const folder = mkdtempSync(join(fx.scratch, 'store-'));
    const run = await ops(
      ['apply-dispatch', payloadWith((_p, name) => `${hanging.origin}/${name}`), '--json'],
      { DOWNLOAD_STORE_DIR: folder },
      { io: { fetchPolicy: { allowLoopbackHttp: true, idleTimeoutMs: 300 } } },
    );
    await hanging.stop();
    expect(run.code).toBe(1);
    const { error } = run.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toMatch(/sent nothing for 0.3 s.*4 attempts/);
    // At least one connection per attempt (undici may open one more while aborting).
    expect(hanging.stats.connections).toBeGreaterThanOrEqual(4);
    expect(run.stderr).not.toMatch(/unexpected failure|\n\s+at /);
  });
});
