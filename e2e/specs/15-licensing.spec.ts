// Journey 15, licensing: a customer buys through the real site, then runs the product's license
// commands (the Go reference CLI) on their machines against the local API.
//  - pay on the Stripe stand-in → the Success page's key activates 3 machines, each with its own
//    machine id and license file;
//  - `license status` says valid with the network cut (nothing listens where the revocation
//    list is looked for: the lease alone decides);
//  - a 4th machine is refused with the machines holding the seats; freeing one lets it in;
//  - a refund (the stand-in's webhook) revokes the license: `license refresh` is refused (410),
//    the signed revocation list names it, and a machine that reaches only the list (or asks
//    status to check it) learns it from there.
import { createServer } from 'node:net';
import { LEASE_IMPLICIT, verifyV4Public } from '@local-memory/download-keys/lease';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../fixtures/serverMode';
import { StripeStandInPage } from '../pages/StripeStandInPage';
import { type LeaseKey, LicenseMachine } from '../support/licenseMachine';

/** The key the API signs leases with, as its `/.well-known/local-memory/keys` publishes it. */
async function publishedKey(request: APIRequestContext, apiOrigin: string): Promise<LeaseKey> {
  const answer = await request.get(`${apiOrigin}/.well-known/local-memory/keys`);
  expect(answer.status()).toBe(200);
  const { current, keys } = (await answer.json()) as {
    current: string;
    keys: Record<string, string>;
  };
  const hex = keys[current];
  if (!hex) throw new Error(`the keyset names current kid ${current} but holds no key for it`);
  return { kid: current, hex };
}

/** An address where nothing listens: a port that was free a moment ago. */
async function closedOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  await new Promise((ok) => server.close(ok));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** The signed revocation list, verified with the published key; its payload. */
function verifiedRevocations(
  token: string,
  key: LeaseKey,
): { iat: number; next: number; revoked: string[] } {
  const { payload } = verifyV4Public(token, Uint8Array.from(Buffer.from(key.hex, 'hex')), {
    implicit: LEASE_IMPLICIT,
    footer: JSON.stringify({ kid: key.kid }),
  });
  return JSON.parse(new TextDecoder().decode(payload));
}

test('a customer activates 3 machines, swaps one for a 4th, and a refund revokes the license', async ({
  page,
  pricing,
  success,
  serverSite,
  request,
}, testInfo) => {
  test.setTimeout(90_000);
  const api = serverSite.apiOrigin;

  // Buy through the site: /pricing → the stand-in's pay page → /success shows the key.
  await pricing.open();
  await pricing.buy.click();
  await page.waitForURL(`${serverSite.stripeOrigin}/c/pay/**`);
  const stripe = new StripeStandInPage(page);
  const sessionId = stripe.sessionId();
  await stripe.pay();
  await page.waitForURL(`${serverSite.origin}/success?session_id=${sessionId}`);
  await expect(success.licenseKey).toBeVisible();
  const licenseKey = (await success.licenseKey.textContent())?.trim() ?? '';
  expect(licenseKey).toMatch(/^LM-[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);

  const key = await publishedKey(request, api);
  const [laptop, desktop, studio, travel] = ['laptop', 'desktop', 'studio', 'travel'].map(
    (name) => new LicenseMachine(testInfo.outputPath(name), name, key),
  ) as [LicenseMachine, LicenseMachine, LicenseMachine, LicenseMachine];

  // Three machines activate; each license file holds its own lease for its own machine.
  let licenseId = '';
  for (const machine of [laptop, desktop, studio]) {
    const activated = await machine.activate(licenseKey, api);
    expect(activated.stderr).toBe('');
    expect(activated.status).toBe(0);
    expect(activated.json).toMatchObject({ activated: true, created: true });
    const license = activated.json.license as Record<string, unknown>;
    expect(license).toMatchObject({ status: 'valid', licensed: true, machine: machine.id });
    licenseId ||= String(license.licenseId);
    expect(license.licenseId).toBe(licenseId);
  }

  // Offline: the lease decides. Plain status never touches the network; asked to check the
  // revocation list where nothing listens, it warns and the lease still decides.
  const cut = await closedOrigin();
  const cutList = { LOCAL_MEMORY_REVOCATIONS_URL: `${cut}/.well-known/local-memory/revocations` };
  for (const machine of [laptop, desktop, studio]) {
    const offline = await machine.status();
    expect(offline.status).toBe(0);
    expect(offline.json).toMatchObject({ status: 'valid', licensed: true, licenseId });
    const status = await machine.status(['--check-revocations'], cutList);
    expect(status.status).toBe(0);
    expect(status.json).toMatchObject({
      status: 'valid',
      licensed: true,
      licenseId,
      machine: machine.id,
      revocationList: { result: 'unreachable' },
    });
    expect(status.stderr).toContain('the lease alone decides');
  }
  // …and the license file is not a way in: the lease in it names the laptop, not the desktop.
  const copied = await desktop.run(['license', 'status', '--license-file', laptop.licenseFile]);
  expect(copied.status).toBe(1);
  expect(copied.json).toMatchObject({ status: 'invalid', code: 'MACHINE_MISMATCH' });

  // A 4th machine is refused, with the machines holding the seats and how to free one.
  const refused = await travel.activate(licenseKey, api);
  expect(refused.status).toBe(1);
  const error = refused.json.error as { code: string; limit: number; machines: unknown[] };
  expect(error.code).toBe('ACTIVATION_LIMIT');
  expect(error.limit).toBe(3);
  expect(
    error.machines.map((m) => {
      const { machine, name } = m as { machine: string; name: string };
      return `${name}=${machine}`;
    }),
  ).toEqual(expect.arrayContaining([laptop, desktop, studio].map((m) => `${m.name}=${m.id}`)));
  expect(error.machines).toHaveLength(3);
  for (const machine of [laptop, desktop, studio]) expect(refused.stderr).toContain(machine.id);
  expect(refused.stderr).toContain('license deactivate');

  // Free the desktop's seat from the 4th machine, by the id the refusal listed; then it fits.
  const freed = await travel.deactivate(licenseKey, { machine: desktop.id, api });
  expect(freed.status).toBe(0);
  expect(freed.json).toMatchObject({ deactivated: true, machine: desktop.id, thisMachine: false });
  const fourth = await travel.activate(licenseKey, api);
  expect(fourth.status).toBe(0);
  expect(fourth.json).toMatchObject({ activated: true, created: true });
  expect(fourth.json.license).toMatchObject({ status: 'valid', licenseId, machine: travel.id });
  // The desktop keeps its lease until it expires, but may not renew it.
  const desktopRefresh = await desktop.refresh();
  expect(desktopRefresh.status).toBe(1);
  expect(desktopRefresh.json).toMatchObject({ error: { code: 'DEACTIVATED' } });
  expect(await laptop.refresh()).toMatchObject({ status: 0, json: { refreshed: true } });
  // The published revocation list, reachable, does not name the license yet.
  expect(await studio.status(['--check-revocations'])).toMatchObject({
    status: 0,
    json: { status: 'valid', revocationList: { result: 'not-named' } },
  });

  // Refund through the stand-in's control API: it sends charge.refunded to the API's webhook.
  const refund = await request.post(
    `${serverSite.stripeOrigin}/_standin/sessions/${sessionId}/refund`,
  );
  expect(refund.status()).toBe(200);
  expect(((await refund.json()) as { webhookStatus: number }).webhookStatus).toBe(200);

  // The next refresh is refused and recorded: status says refused from then on, even offline.
  const revoked = await laptop.refresh();
  expect(revoked.status).toBe(1);
  expect(revoked.json).toMatchObject({ error: { code: 'REVOKED' } });
  expect(revoked.stderr).toContain('not licensed');
  const after = await laptop.status();
  expect(after.status).toBe(1);
  expect(after.json).toMatchObject({ status: 'refused', licensed: false, code: 'REVOKED' });

  // The studio cannot reach the API, but the static revocation list it can: revoked too.
  const listOnly = await studio.refresh(['--api', cut], {
    LOCAL_MEMORY_REVOCATIONS_URL: `${api}/.well-known/local-memory/revocations`,
  });
  expect(listOnly.status).toBe(1);
  expect(listOnly.json).toMatchObject({
    error: { code: 'REVOKED', revocationList: { result: 'named' } },
  });
  expect(listOnly.stderr).toContain(`names license ${licenseId}`);
  expect(await studio.status()).toMatchObject({
    status: 1,
    json: { status: 'refused', code: 'REVOKED' },
  });
  // The 4th machine learns it from the list alone, asked by status.
  expect(await travel.status(['--check-revocations'])).toMatchObject({
    status: 1,
    json: { status: 'refused', code: 'REVOKED', revocationList: { result: 'named' } },
  });

  // The signed revocation list names the license, and verifies with the published key only.
  const list = await request.get(`${api}/.well-known/local-memory/revocations`);
  expect(list.status()).toBe(200);
  const token = (await list.text()).trim();
  const revocations = verifiedRevocations(token, key);
  expect(revocations.revoked).toContain(licenseId);
  expect(revocations.next).toBeGreaterThan(revocations.iat);
  const forged = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
  expect(() => verifiedRevocations(forged, key)).toThrow();
});
