import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './testing/harness.js';

const entry = fileURLToPath(new URL('../dist/node.js', import.meta.url));

function run(env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, [entry], {
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

  it('exits 1 naming every wrong variable when the configuration is bad', async () => {
    const api = run({ ...h.env, STRIPE_PRICE_ID: '', DOWNLOAD_SECRET: 'short', PORT: '0' });
    expect(await api.exit).toBe(1);
    expect(api.err()).toContain('STRIPE_PRICE_ID');
    expect(api.err()).toContain('DOWNLOAD_SECRET');
    expect(api.err()).not.toContain('short,');
    expect(api.out()).not.toContain('listening');
  });
});
