import { describe, expect, it } from 'vitest';
import { startHangingServer } from '../testing/hangingServer.js';
import { startHarness } from '../testing/harness.js';

describe('a ledger that accepts connections and never answers', () => {
  it('the purchase page and the webhook answer 503 upstream_unavailable instead of waiting', async () => {
    const ledger = await startHangingServer();
    const h = await startHarness({
      env: {
        DYNAMODB_ENDPOINT: ledger.origin,
        LEDGER_TIMEOUT_MS: '300',
        LEDGER_CONNECT_TIMEOUT_MS: '300',
      },
    });
    try {
      const session = h.standin.createSession({ email: 'hanging-ledger@example.com' });
      const page = await h.request(`/api/purchases/${session.id}`);
      expect(page.status).toBe(503);
      expect(await page.json()).toMatchObject({ error: { code: 'upstream_unavailable' } });

      const webhook = await h.deliver(
        'checkout.session.completed',
        h.standin.sessionObject(session.id),
      );
      expect(webhook.status).toBe(503);
      expect(ledger.connections.length).toBeGreaterThan(0);
      // The client gave up on every connection it opened rather than leaving them hanging.
      await ledger.allClosed();
      expect(h.mailbox.mails()).toHaveLength(0);
    } finally {
      await h.close();
      await ledger.close();
    }
  }, 20_000);
});
