// Activations unseen for 90 days stop counting; an expired lease still refreshes while its
// activation lives. A clock the test moves.
import { DEFAULT_EDITION } from '@local-memory/catalog';
import { generateLicenseKey } from '@local-memory/download-keys';
import { machineId } from '@local-memory/download-keys/lease';
import { describe, expect, it } from 'vitest';
import { TEST_DOWNLOAD_SECRET, useHarness } from '../testing/harness.js';

let clock = Date.now();
const h = useHarness({ services: { now: () => clock } });
const DAY_MS = 86_400_000;

const post = (path: string, body: unknown) =>
  h.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('activations unseen for 90 days', () => {
  it('stop counting when the limit is reached, while a machine seen meanwhile keeps its seat', async () => {
    const session = h.standin.createSession();
    await h.services.licensing.issueForSession(session.id, DEFAULT_EDITION);
    const licenseKey = generateLicenseKey(session.id, TEST_DOWNLOAD_SECRET);
    const machine = (n: string) => machineId(`stale-test-${n}`);
    const activate = (n: string) =>
      post('/api/licenses/activate', {
        licenseKey,
        machine: machine(n),
        platform: 'linux',
        appVersion: '1.0.0',
      });
    const leases: Record<string, string> = {};
    for (const n of ['a', 'b', 'c']) {
      const res = await activate(n);
      expect(res.status).toBe(201);
      leases[n] = ((await res.json()) as { lease: string }).lease;
    }
    clock += 60 * DAY_MS;
    // a's lease expired 30 days ago; its activation lives, so it refreshes (and a is seen now).
    const refreshed = await post('/api/licenses/refresh', { lease: leases.a });
    expect(refreshed.status).toBe(200);
    clock += 31 * DAY_MS;
    expect((await activate('d')).status).toBe(201); // b and c, unseen for 91 days, were pruned
    expect((await activate('e')).status).toBe(201);
    const refused = await activate('f');
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: { machines: { machine: string }[] } };
    expect(body.error.machines.map((m) => m.machine).sort()).toEqual(
      [machine('a'), machine('d'), machine('e')].sort(),
    );
    // b's activation is gone: its lease no longer refreshes.
    const gone = await post('/api/licenses/refresh', { lease: leases.b });
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe('deactivated');
  });
});
