import { createConnection, createServer, type Server } from 'node:net';
import { demoPriceEnv } from '@local-memory/catalog';
import { startHangingServer } from '@local-memory/testkit/hanging-server';
import { type StripeStandin, startStripeStandin } from '@local-memory/testkit/stripe-standin';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../config/config.js';
import {
  TEST_DOWNLOAD_SECRET,
  TEST_PRICE_ID,
  TEST_STRIPE_KEY,
  TEST_WEBHOOK_SECRET,
} from '../testing/harness.js';
import { createStripe } from './client.js';

const BUDGET_MS = 300;

function configFor(apiBase: string): Promise<Config> {
  return loadConfig({
    STRIPE_SECRET_KEY: TEST_STRIPE_KEY,
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    ...demoPriceEnv(),
    STRIPE_API_BASE: apiBase,
    STRIPE_TIMEOUT_MS: String(BUDGET_MS),
    DOWNLOAD_SECRET: TEST_DOWNLOAD_SECRET,
    SITE_URL: 'https://shop.test.invalid',
    SMTP_URL: 'smtp://127.0.0.1:9',
    MAIL_FROM: 'orders@shop.test.invalid',
    SUPPORT_EMAIL: 'support@shop.test.invalid',
    LEDGER_TABLE: 'unused',
    S3_BUCKET: 'unused',
  });
}

describe('STRIPE_TIMEOUT_MS is one deadline for a Stripe call, retries included', () => {
  it('a Stripe that accepts and never answers costs one attempt, ended at the deadline', async () => {
    const hanging = await startHangingServer();
    try {
      const stripe = createStripe(await configFor(hanging.origin));
      const failure = await stripe.checkout.sessions
        .retrieve('cs_test_hangingStripeDeadline0001')
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(failure).toBeInstanceOf(Stripe.errors.StripeConnectionError);
      expect((failure as Error).message).toMatch(/timeout/i);
      await hanging.allClosed();
      // The old client retried after a full timeout: a second connection, a second budget.
      expect(hanging.connections).toHaveLength(1);
    } finally {
      await hanging.close();
    }
  });

  describe('retries that fit in the budget still happen', () => {
    let standin: StripeStandin;
    let proxy: Server;
    let proxyOrigin = '';
    let accepted = 0;
    beforeAll(async () => {
      standin = await startStripeStandin({ priceId: TEST_PRICE_ID, webhookRetryDelaysMs: [] });
      const target = new URL(standin.origin);
      // A fault proxy: the first connection is dropped once the request arrives, later ones pass.
      proxy = createServer((socket) => {
        accepted++;
        socket.on('error', () => undefined);
        if (accepted === 1) {
          socket.once('data', () => socket.resetAndDestroy());
          return;
        }
        const upstream = createConnection(Number(target.port), target.hostname);
        upstream.on('error', () => socket.destroy());
        socket.pipe(upstream).pipe(socket);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const address = proxy.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      proxyOrigin = `http://127.0.0.1:${address.port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => proxy.close(resolve));
      await standin.close();
    });

    it('a reset connection is tried again and the call succeeds', async () => {
      const session = standin.createSession();
      const stripe = createStripe(await configFor(proxyOrigin));
      const retrieved = await stripe.checkout.sessions.retrieve(session.id);
      expect(retrieved.id).toBe(session.id);
      expect(accepted).toBeGreaterThanOrEqual(2);
    });
  });
});
