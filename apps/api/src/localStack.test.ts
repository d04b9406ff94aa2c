import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateLicenseKey, s3ObjectKey, timeWindowAt } from '@local-memory/download-keys';
import { type LocalStack, localApiEntry, startLocalStack } from '@local-memory/testkit/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SECRET = 'E2E-TEST-ONLY-local-stack-download-secret-000';

describe('the local stack (what npm start and the e2e journey run)', () => {
  let stack: LocalStack;
  let store: string;
  beforeAll(async () => {
    store = mkdtempSync(join(tmpdir(), 'lm-local-stack-'));
    const file = join(
      store,
      ...s3ObjectKey(SECRET, timeWindowAt(Date.now() / 1000), 'linux').split('/'),
    );
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'DEMO ZIP BYTES');
    stack = await startLocalStack({
      apiEntry: localApiEntry(import.meta.url),
      siteUrl: 'http://127.0.0.1:5999',
      downloadStoreDir: store,
      downloadSecret: SECRET,
    });
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(store, { recursive: true, force: true });
  });

  it('checkout → pay page → signed webhook → email → purchase and download', async () => {
    const checkout = await fetch(`${stack.apiOrigin}/api/checkout`, {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:5999', 'content-type': 'application/json' },
      body: '{}',
    });
    const { url } = (await checkout.json()) as { url: string };
    expect(url.startsWith(`${stack.stripeOrigin}/c/pay/cs_test_`)).toBe(true);
    const page = await fetch(url);
    const html = await page.text();
    expect(html).toContain('>Pay</button>');
    expect(html).toContain('>Pay later (bank transfer)</button>');
    const id = url.split('/').pop() as string;
    expect((await fetch(`${stack.apiOrigin}/api/purchases/${id}`)).status).toBe(409);

    const paid = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({ email: 'stack@example.com', action: 'pay' }),
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://127.0.0.1:5999/success?session_id=${id}`);
    const mails = await stack.mails();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toBe('stack@example.com');
    expect(mails[0]?.text).toContain(generateLicenseKey(id, SECRET));
    const listed = await (await fetch(`${stack.mailOrigin}/mails`)).json();
    expect(listed).toEqual(mails);

    const purchase = await fetch(`${stack.apiOrigin}/api/purchases/${id}`);
    expect(purchase.status).toBe(200);
    const download = await fetch(`${stack.apiOrigin}/api/downloads/${id}/linux`);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('DEMO ZIP BYTES');
    // The mailed key activates: the stack signs leases with its demo-only key.
    const activated = await fetch(`${stack.apiOrigin}/api/licenses/activate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        licenseKey: generateLicenseKey(id, SECRET),
        machine: 'AAAAAAAAAAAAAAAAAAAAAA',
        platform: 'linux',
        appVersion: '1.0.0',
      }),
    });
    expect(activated.status).toBe(201);
    const keys = await fetch(`${stack.apiOrigin}/.well-known/local-memory/keys`);
    expect(await keys.json()).toMatchObject({ current: 'demo-local-stack' });
  });

  it('signs a buyer in to the account page with a DEMO-ONLY link key', async () => {
    const email = 'account-stack@example.com';
    stack.standin.createSession({ email });
    const site = { origin: 'http://127.0.0.1:5999', 'content-type': 'application/json' };
    const asked = await fetch(`${stack.apiOrigin}/api/account/link`, {
      method: 'POST',
      headers: site,
      body: JSON.stringify({ email }),
    });
    expect(asked.status).toBe(202);
    let mail: { text: string } | undefined;
    for (let i = 0; i < 100 && mail === undefined; i++) {
      mail = (await stack.mails()).find((m) => m.to === email);
      if (mail === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const link = mail?.text.match(/http:\/\/127\.0\.0\.1:5999\/account#link=(\S+)/)?.[1];
    expect(link).toBeDefined();
    const signedIn = await fetch(`${stack.apiOrigin}/api/account/session`, {
      method: 'POST',
      headers: site,
      body: JSON.stringify({ link }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const account = await fetch(`${stack.apiOrigin}/api/account`, { headers: { cookie } });
    expect(account.status).toBe(200);
    expect(((await account.json()) as { purchases: unknown[] }).purchases).toHaveLength(1);
  });

  it('pay later: pending until the stand-in settles, then one email', async () => {
    const { url } = (await (
      await fetch(`${stack.apiOrigin}/api/checkout`, {
        method: 'POST',
        headers: { origin: 'http://127.0.0.1:5999', 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as {
      url: string;
    };
    const id = url.split('/').pop() as string;
    await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({ email: 'later@example.com', action: 'later' }),
      redirect: 'manual',
    });
    expect((await fetch(`${stack.apiOrigin}/api/purchases/${id}`)).status).toBe(409);
    expect((await stack.mails()).filter((m) => m.to === 'later@example.com')).toHaveLength(0);
    const settled = await fetch(`${stack.stripeOrigin}/_standin/sessions/${id}/settle`, {
      method: 'POST',
    });
    expect(await settled.json()).toMatchObject({ webhookStatus: 200 });
    expect((await fetch(`${stack.apiOrigin}/api/purchases/${id}`)).status).toBe(200);
    expect((await stack.mails()).filter((m) => m.to === 'later@example.com')).toHaveLength(1);
  });

  it('refund through the stand-in control: the purchase answers 410', async () => {
    const created = await fetch(`${stack.stripeOrigin}/_standin/sessions`, {
      method: 'POST',
      body: JSON.stringify({ email: 'refund-stack@example.com' }),
    });
    const { id } = (await created.json()) as { id: string };
    expect((await fetch(`${stack.apiOrigin}/api/purchases/${id}`)).status).toBe(200);
    await fetch(`${stack.stripeOrigin}/_standin/sessions/${id}/refund`, { method: 'POST' });
    expect((await fetch(`${stack.apiOrigin}/api/purchases/${id}`)).status).toBe(410);
  });
});
