import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { startHangingServer } from '@local-memory/testkit/hanging-server';
import { describe, expect, it } from 'vitest';
import { startHarness } from '../testing/harness.js';
import { Ledger } from './ledger.js';
import { checkLedgerTable } from './tableCheck.js';

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

describe('checkLedgerTable (start-up, both entries)', () => {
  it('passes for the ledger table, names LEDGER_TABLE for a missing or wrongly keyed one', async () => {
    const h = await startHarness();
    try {
      await expect(checkLedgerTable(h.services.ledger)).resolves.toBeUndefined();
      const missing = new Ledger(h.services.ledger.client, 'no-such-ledger-table');
      await expect(checkLedgerTable(missing)).rejects.toMatchObject({
        code: 'INVALID_CONFIG',
        problems: [
          expect.stringMatching(/^LEDGER_TABLE: the table "no-such-ledger-table" does not exist/),
        ],
      });
      await h.services.ledger.client.send(
        new CreateTableCommand({
          TableName: 'keyed-by-pk',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await expect(
        checkLedgerTable(new Ledger(h.services.ledger.client, 'keyed-by-pk')),
      ).rejects.toMatchObject({
        problems: [expect.stringMatching(/^LEDGER_TABLE: .*partition key "id"/)],
      });
    } finally {
      await h.close();
    }
  });
});
