// Key rotation: a lease signed with the previous kid (LEASE_PREVIOUS_KEYS) still refreshes, and
// the fresh lease carries the current kid; a kid the server does not know is refused.

import { generateKeyPairSync } from 'node:crypto';
import { DEFAULT_EDITION } from '@local-memory/catalog';
import { generateLicenseKey } from '@local-memory/download-keys';
import {
  LEASE_IMPLICIT,
  LEASE_SECONDS,
  leaseKid,
  machineId,
} from '@local-memory/download-keys/lease';
import { signLease } from '@local-memory/download-keys/node';
import { describe, expect, it } from 'vitest';
import { TEST_DOWNLOAD_SECRET, useHarness } from '../testing/harness.js';
import { rawPublicKey } from './signer.js';

const previous = generateKeyPairSync('ed25519').privateKey;
const stranger = generateKeyPairSync('ed25519').privateKey;
const h = useHarness({
  env: { LEASE_PREVIOUS_KEYS: `lease-0=${Buffer.from(rawPublicKey(previous)).toString('hex')}` },
});

const refresh = (lease: string) =>
  h.request('/api/licenses/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lease }),
  });

describe('key rotation', () => {
  it('refreshes a lease signed with the previous kid into one with the current kid', async () => {
    const session = h.standin.createSession();
    await h.services.licensing.issueForSession(session.id, DEFAULT_EDITION);
    const machine = machineId('rotation-test');
    const activated = await h.request('/api/licenses/activate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        licenseKey: generateLicenseKey(session.id, TEST_DOWNLOAD_SECRET),
        machine,
        platform: 'macos',
        appVersion: '1.0.0',
      }),
    });
    expect(activated.status).toBe(201);
    const { lease } = (await activated.json()) as { lease: string };
    const claims = JSON.parse(
      Buffer.from(lease.split('.')[2] as string, 'base64url')
        .subarray(0, -64)
        .toString('utf8'),
    );
    const iat = Math.floor(Date.now() / 1000) - 3600;
    const old = { ...claims, iat, exp: iat + LEASE_SECONDS, jti: 'lease_old' };
    const oldLease = signLease(old, previous, { kid: 'lease-0', implicit: LEASE_IMPLICIT });
    const res = await refresh(oldLease);
    expect(res.status).toBe(200);
    expect(leaseKid(((await res.json()) as { lease: string }).lease)).toBe('test-lease-1');

    const forged = signLease(old, stranger, { kid: 'lease-0', implicit: LEASE_IMPLICIT });
    expect((await refresh(forged)).status).toBe(400);
    const unknown = signLease(old, stranger, { kid: 'lease-9', implicit: LEASE_IMPLICIT });
    const refused = await refresh(unknown);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_lease',
    );
  });
});
