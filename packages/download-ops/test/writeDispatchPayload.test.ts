// scripts/write-dispatch-payload.mjs, which fetches a payload for a manually run dispatch.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEndlessServer, startRedirectServer } from './faultProxy.js';

const fx = { scratch: '' };
beforeAll(() => {
  fx.scratch = mkdtempSync(join(tmpdir(), 'ops-payload-'));
});
afterAll(() => rmSync(fx.scratch, { recursive: true, force: true }));

describe('the payload script (write-dispatch-payload.mjs)', () => {
  it('refuses a redirect to http and an oversized payload', async () => {
    const { spawn } = await import('node:child_process');
    const script = join(import.meta.dirname, '../../../scripts/write-dispatch-payload.mjs');
    const run = (env: Record<string, string>, out: string) =>
      new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [script, out], { env: { ...process.env, ...env } });
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        child.on('close', (status) => resolve({ status, stderr }));
      });
    const out = join(fx.scratch, 'payload-out.json');
    const redirect = await startRedirectServer('http://payloads.example.test/p.json');
    const hop = await run(
      {
        EVENT_NAME: 'workflow_dispatch',
        PAYLOAD_URL: `${redirect.origin}/p.json`,
        WRITE_DISPATCH_PAYLOAD_TEST_ALLOW_LOOPBACK_HTTP: 'true',
      },
      out,
    );
    await redirect.stop();
    expect(hop.status).toBe(1);
    expect(hop.stderr).toMatch(/redirect.*http:\/\/payloads\.example\.test.*https:\/\//);
    const endless = await startEndlessServer(64 * 1024 * 1024);
    const big = await run(
      {
        EVENT_NAME: 'workflow_dispatch',
        PAYLOAD_URL: `${endless.origin}/p.json`,
        WRITE_DISPATCH_PAYLOAD_TEST_ALLOW_LOOPBACK_HTTP: 'true',
      },
      out,
    );
    await endless.stop();
    expect(big.status).toBe(1);
    expect(big.stderr).toMatch(/larger than/);
    expect(endless.stats.bytesSent).toBeLessThan(8 * 1024 * 1024);
    expect(existsSync(out)).toBe(false);
    expect(statSync(fx.scratch).isDirectory()).toBe(true);
  });
});
