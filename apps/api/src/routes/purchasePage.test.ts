import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness.js';

describe('the Success page never waits for the mail', () => {
  // A mail server that accepts the connection and never greets.
  const sockets: Socket[] = [];
  let closedByClient = 0;
  const silent = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', () => undefined);
    socket.on('close', () => {
      closedByClient++;
    });
  });
  let h: Harness;
  beforeAll(async () => {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    h = await startHarness({
      env: { SMTP_URL: `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}` },
    });
  });
  afterAll(async () => {
    await h.tasksDone();
    await h.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('answers the key while the mail is still pending', async () => {
    const session = h.standin.createSession({ email: 'silent-smtp@example.com' });
    const response = await h.request(`/api/purchases/${session.id}`);
    // The answer came before the mail attempt ended: no greeting timeout has closed a connection.
    const closedAtAnswer = closedByClient;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { licenseKey: string }).licenseKey).toMatch(/^LM-/);
    expect(closedAtAnswer).toBe(0);
    expect(h.tasks).toEqual([{ kind: 'fulfil', sessionId: session.id }]);
    // The attempt runs beside the answer and gives up on its own (SMTP_TIMEOUT_MS).
    await h.tasksDone();
    expect(sockets.length).toBeGreaterThan(0);
  });
});
