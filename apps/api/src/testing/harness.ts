/**
 * TEST ONLY: the API over real loopback parts: the Stripe stand-in reached by the real SDK,
 * dynalite for the ledger, a real SMTP server, and optionally s3rver. Secrets are test-only.
 * @module
 */

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { demoPriceEnv } from '@local-memory/catalog';
import { type LocalDynamo, startLocalDynamo } from '@local-memory/testkit/dynamo';
import { type Mailbox, startMailbox } from '@local-memory/testkit/mailbox';
import { type StripeStandin, startStripeStandin } from '@local-memory/testkit/stripe-standin';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createApp } from '../app.js';
import { type Config, type Env, loadConfig } from '../config/config.js';
import { createLogger, createServices, type ServiceOptions, type Services } from '../services.js';
import { runTask, type Task } from '../tasks/tasks.js';

export const TEST_STRIPE_KEY = 'sk_test_TESTONLYapiHarnessNotARealStripeKey0000';
export const TEST_WEBHOOK_SECRET = 'whsec_TEST-ONLY-api-harness-signing-secret-000000';
export const TEST_DOWNLOAD_SECRET = 'E2E-TEST-ONLY-api-harness-download-secret-0000';
export const TEST_PRICE_ID = 'price_testOnlyLocalMemory';
export const TEST_SITE_URL = 'https://shop.test.invalid';

/** What a test gets. */
export interface Harness {
  readonly standin: StripeStandin;
  readonly dynamo: LocalDynamo;
  readonly mailbox: Mailbox;
  readonly env: Env;
  readonly config: Config;
  readonly services: Services;
  readonly app: ReturnType<typeof createApp>;
  /** A Stripe SDK instance (for generateTestHeaderString). */
  readonly stripe: Stripe;
  /** `app.request` with a fixed client address. */
  request(path: string, init?: RequestInit, clientIp?: string): Promise<Response>;
  /** POST an event to the webhook, signed with the SDK's test helper. */
  deliver(
    type: string,
    object: unknown,
    options?: { timestamp?: number; secret?: string },
  ): Promise<Response>;
  /** Background tasks dispatched so far (resend, page fulfilment), oldest first. */
  readonly tasks: Task[];
  /** Wait until every background task dispatched so far has finished. */
  tasksDone(): Promise<void>;
  /** How many dispatched tasks have not finished yet. */
  tasksRunning(): number;
  /** Signed request for a payload, for tampering tests. */
  signed(payload: string, options?: { timestamp?: number; secret?: string }): RequestInit;
  close(): Promise<void>;
}

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  /** Extra or replaced variables. */
  readonly env?: Env;
  /** Replaced service parts (clock, S3 client, timings). */
  readonly services?: ServiceOptions;
  readonly s3?: S3Client;
}

let tables = 0;

/**
 * Start the parts and the app.
 * @param options - see {@link HarnessOptions}
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const standin = await startStripeStandin({
    priceId: TEST_PRICE_ID,
    webhookRetryDelaysMs: [],
    settleAfterMs: 0,
  });
  const dynamo = await startLocalDynamo();
  const table = `ledger-${process.pid}-${tables++}`;
  await dynamo.createLedgerTable(table);
  const mailbox = await startMailbox();
  const storeDir = mkdtempSync(join(tmpdir(), 'lm-api-store-'));
  // A fresh TEST-ONLY lease signing key per harness, in a file as production reads it.
  const keyDir = mkdtempSync(join(tmpdir(), 'lm-api-lease-key-'));
  const leaseKeyFile = join(keyDir, 'TEST-ONLY-lease-signing-key.pem');
  writeFileSync(
    leaseKeyFile,
    generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }),
    { mode: 0o600 },
  );
  const env: Env = {
    STRIPE_SECRET_KEY: TEST_STRIPE_KEY,
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    // Every edition sold at its catalogue demo price; the default edition at the test price.
    ...demoPriceEnv(),
    STRIPE_PRICE_ID: TEST_PRICE_ID,
    STRIPE_API_BASE: standin.origin,
    STRIPE_TIMEOUT_MS: '1500',
    DOWNLOAD_SECRET: TEST_DOWNLOAD_SECRET,
    SITE_URL: TEST_SITE_URL,
    SMTP_URL: mailbox.url,
    SMTP_TIMEOUT_MS: '1500',
    MAIL_FROM: 'Local Memory <orders@shop.test.invalid>',
    SUPPORT_EMAIL: 'support@shop.test.invalid',
    LEDGER_TABLE: table,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'us-east-1',
    DOWNLOAD_STORE_DIR: storeDir,
    LEASE_SIGNING_KEY_FILE: leaseKeyFile,
    LEASE_KID: 'test-lease-1',
    ...options.env,
  };
  const config = await loadConfig(env);
  const services = createServices(config, {
    logger: createLogger(process.env.LOG_LEVEL ?? 'SILENT'),
    fulfilment: { waitForConcurrentMs: 5000 },
    ...options.services,
  });
  // Tasks run in this process beside the answer, as on the Node entry, but tracked so that tests
  // can wait for them.
  const tasks: Task[] = [];
  const running = new Set<Promise<void>>();
  const app = createApp(services, {
    clientIp: (c) => c.req.header('x-test-client-ip'),
    dispatch: (task) => {
      tasks.push(task);
      const work = runTask(services, task).finally(() => running.delete(work));
      running.add(work);
      return Promise.resolve();
    },
  });
  standin.setWebhook('http://127.0.0.1:9/unused', TEST_WEBHOOK_SECRET);
  const stripe = new Stripe(TEST_STRIPE_KEY);

  const signed = (
    payload: string,
    opts: { timestamp?: number; secret?: string } = {},
  ): RequestInit => ({
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'stripe-signature': stripe.webhooks.generateTestHeaderString({
        payload,
        secret: opts.secret ?? TEST_WEBHOOK_SECRET,
        timestamp: opts.timestamp ?? Math.floor(Date.now() / 1000),
      }),
    },
    body: payload,
  });

  return {
    standin,
    dynamo,
    mailbox,
    env,
    config,
    services,
    app,
    stripe,
    tasks,
    async tasksDone() {
      while (running.size > 0) await Promise.all([...running]);
    },
    tasksRunning: () => running.size,
    request: (path, init = {}, clientIp = '192.0.2.1') => {
      const headers = new Headers(init.headers);
      headers.set('x-test-client-ip', clientIp);
      return Promise.resolve(app.request(path, { ...init, headers }));
    },
    signed,
    deliver(type, object, opts) {
      const { payload } = standin.event(type, object);
      return Promise.resolve(app.request('/api/stripe/webhook', signed(payload, opts)));
    },
    async close() {
      while (running.size > 0) await Promise.all([...running]);
      services.close();
      await standin.close();
      await mailbox.close();
      await dynamo.close();
      rmSync(storeDir, { recursive: true, force: true });
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

/**
 * One harness shared by the tests of the calling file: started before them, closed after them,
 * and the stand-in's and the mailbox's faults cleared after each test. The returned object is
 * filled in `beforeAll`, so use it inside tests and hooks only.
 * @param options - see {@link HarnessOptions}
 */
export function useHarness(options?: HarnessOptions): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(h, await startHarness(options));
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(async () => {
    await h.tasksDone();
    h.standin.fault.mode = 'none';
    h.standin.fault.delayMs = 0;
    h.mailbox.fault.mode = 'none';
  });
  return h;
}
