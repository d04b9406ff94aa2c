// The backfill over the stand-in's paginated session list (pages of 100) and dynalite: 250
// purchases make two full pages and a partial one. It prints its time (no threshold).
import { generateLicenseKey } from '@local-memory/download-keys';
import { describe, expect, it } from 'vitest';
import { TEST_DOWNLOAD_SECRET, useHarness } from '../testing/harness.js';
import { main } from './backfillCli.js';

const h = useHarness();

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    env: h.env,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  });
  return { code, out: out.join(''), err: err.join('') };
}

describe('backfill-licenses', () => {
  it('writes one license per paid purchase over every page, idempotently, revoked when refunded; --dry-run writes nothing', async () => {
    const count = 250;
    const sessions = Array.from({ length: count }, () => h.standin.createSession());
    const refunded = sessions[0] as (typeof sessions)[number];
    refunded.refunded = true;
    h.standin.createSession({ priceId: 'price_someOtherProduct' });
    h.standin.createSession({ status: 'open', paymentStatus: 'unpaid' });

    const dry = await run(['--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({
      dryRun: true,
      written: count - 1,
      revoked: 1,
      existing: 0,
    });
    const records = h.services.licensing;
    expect(await h.services.ledger.client.config.endpoint?.()).toBeDefined();
    const started = performance.now();
    const first = await run(['--json']);
    const ms = performance.now() - started;
    process.stderr.write(
      `backfill over ${count} stand-in purchases: ${(ms / 1000).toFixed(1)} s\n`,
    );
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ written: count - 1, revoked: 1, skipped: 1 });
    expect(first.err).toContain('… 100 sessions');

    const again = await run(['--json']);
    expect(JSON.parse(again.out)).toMatchObject({ written: 0, revoked: 0, existing: count });

    const key = generateLicenseKey((sessions[5] as { id: string }).id, TEST_DOWNLOAD_SECRET);
    expect(records.canonicalKey(key)).toBe(key);
    const activate = (licenseKey: string) =>
      h.request('/api/licenses/activate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          licenseKey,
          machine: 'AAAAAAAAAAAAAAAAAAAAAA',
          platform: 'linux',
          appVersion: '1.0.0',
        }),
      });
    // A key sold before licensing activates, unchanged; the refunded one is revoked.
    expect((await activate(key)).status).toBe(201);
    expect((await activate(generateLicenseKey(refunded.id, TEST_DOWNLOAD_SECRET))).status).toBe(
      410,
    );
    expect(await h.services.licensing.revokedIds()).toHaveLength(1);
  }, 300_000);

  it('exits 2 with the usage on an unknown option', async () => {
    const result = await run(['--bogus']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('usage: backfill-licenses');
  });
});
