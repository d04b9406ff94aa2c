import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './testing/harness.js';

const entry = fileURLToPath(new URL('../dist/node.js', import.meta.url));

function run(env: Record<string, string | undefined>, args: readonly string[] = []) {
  const child = spawn(process.execPath, [entry, ...args], {
    env: {
      PATH: process.env.PATH,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c) => {
    stdout += c;
  });
  child.stderr?.on('data', (c) => {
    stderr += c;
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit, out: () => stdout, err: () => stderr };
}

async function listening(child: ChildProcess, out: () => string): Promise<number> {
  for (let i = 0; i < 200 && child.exitCode === null; i++) {
    for (const line of out().split('\n')) {
      if (line.includes('"listening"')) return (JSON.parse(line) as { port: number }).port;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the node entry did not start:\n${out()}`);
}

describe('the Node entry (dist/node.js in a child process)', () => {
  let h: Harness;
  beforeAll(async () => {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run the build first`);
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('listens on PORT and answers with JSON logs carrying the request id, never the key', async () => {
    const api = run({ ...h.env, PORT: '0' });
    try {
      const port = await listening(api.child, api.out);
      const session = h.standin.createSession({ email: 'node-entry@example.com' });
      const time = await fetch(`http://127.0.0.1:${port}/api/time`);
      expect(time.status).toBe(200);
      expect(time.headers.get('date')).toBeTruthy();
      const purchase = await fetch(`http://127.0.0.1:${port}/api/purchases/${session.id}`, {
        headers: { 'x-request-id': 'trace-me-123' },
      });
      expect(purchase.status).toBe(200);
      const { licenseKey } = (await purchase.json()) as { licenseKey: string };
      await h.mailbox.waitFor(1);
      // Resend answers before mailing on a long-lived server; the mail still arrives.
      const resend = await fetch(`http://127.0.0.1:${port}/api/purchases/resend`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'node-entry@example.com' }),
      });
      expect(resend.status).toBe(202);
      const mails = await h.mailbox.waitFor(2);
      expect(mails.map((m) => m.to)).toEqual(['node-entry@example.com', 'node-entry@example.com']);
      const logs = api.out();
      expect(logs).toContain('"requestId":"trace-me-123"');
      for (const line of logs.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
      for (const secret of [
        licenseKey,
        session.id,
        'node-entry@example.com',
        h.env.DOWNLOAD_SECRET as string,
        h.env.STRIPE_SECRET_KEY as string,
        h.env.STRIPE_WEBHOOK_SECRET as string,
      ]) {
        expect(logs).not.toContain(secret);
      }
    } finally {
      api.child.kill('SIGTERM');
      await api.exit;
    }
  });

  /** Start the entry with `env` over the harness's and expect exit 1 with a named message. */
  async function refused(env: Record<string, string>, ...named: RegExp[]) {
    const api = run({ ...h.env, PORT: '0', ...env });
    // An entry that starts anyway would run for ever: stop it so the assertion below fails.
    const guard = setTimeout(() => api.child.kill('SIGTERM'), 30_000);
    try {
      expect(await api.exit).toBe(1);
      for (const pattern of named) expect(api.err()).toMatch(pattern);
      expect(api.err()).toMatch(/^The API cannot start/);
      // A message for the operator, not a crash: no stack trace.
      expect(api.err()).not.toMatch(/\n\s+at /);
      expect(api.out()).not.toContain('listening');
    } finally {
      clearTimeout(guard);
      if (api.child.exitCode === null) api.child.kill('SIGTERM');
    }
  }

  it('exits 1 naming PORT when it is not a port number', async () => {
    await refused({ PORT: 'abc' }, /PORT must be a whole number from 0 to 65535, got "abc"/);
    await refused({ PORT: '70000' }, /PORT must be a whole number from 0 to 65535/);
  });

  it('exits 1 naming PORT when the port is in use', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const address = busy.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    try {
      await refused(
        { PORT: String(address.port), HOST: '127.0.0.1' },
        new RegExp(`PORT: ${address.port} is already in use on 127\\.0\\.0\\.1`),
      );
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it('exits 1 naming HOST when it is not an address of this machine', async () => {
    await refused({ HOST: 'no-such-host.invalid' }, /HOST: "no-such-host\.invalid" is not/);
  });

  it('exits 1 naming LOG_LEVEL when it is not a level', async () => {
    await refused({ LOG_LEVEL: 'LOUD' }, /LOG_LEVEL must be one of/);
  });

  it('exits 1 naming LEDGER_TABLE when the table does not exist, before listening', async () => {
    await refused(
      { LEDGER_TABLE: 'no-such-ledger-table' },
      /LEDGER_TABLE: the table "no-such-ledger-table" does not exist/,
    );
  });

  it('runs the license backfill as its backfill-licenses command', async () => {
    const backfill = run(h.env, ['backfill-licenses', '--dry-run', '--json']);
    expect(await backfill.exit, backfill.err()).toBe(0);
    expect(JSON.parse(backfill.out())).toMatchObject({ dryRun: true });
    expect(backfill.out()).not.toContain('listening');
  });

  it('exits 2 with the usage on an unknown command', async () => {
    const api = run(h.env, ['serve-twice']);
    expect(await api.exit).toBe(2);
    expect(api.err()).toMatch(/unknown command "serve-twice"\nusage: node dist\/node\.js/);
    expect(api.out()).not.toContain('listening');
  });

  it('exits 1 naming every wrong variable when the configuration is bad', async () => {
    const api = run({ ...h.env, STRIPE_PRICE_ID: '', DOWNLOAD_SECRET: 'short', PORT: '0' });
    expect(await api.exit).toBe(1);
    expect(api.err()).toContain('STRIPE_PRICE_ID');
    expect(api.err()).toContain('DOWNLOAD_SECRET');
    expect(api.err()).not.toContain('short,');
    expect(api.out()).not.toContain('listening');
  });
});
