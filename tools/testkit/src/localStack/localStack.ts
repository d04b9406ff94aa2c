/**
 * The API's local stack, for `npm start`, e2e, Lighthouse and load runs: the Stripe stand-in,
 * dynalite (the ledger), a real SMTP server that keeps the mails (listed as JSON over HTTP), and
 * the API itself (its built Node entry) as a child process, all on 127.0.0.1 with free ports.
 * Every secret here is a TEST-ONLY string or generated per run; nothing reaches Stripe.
 *
 *   const apiEntry = localApiEntry(import.meta.url);
 *   const stack = await startLocalStack({ apiEntry, siteUrl, downloadStoreDir, downloadSecret });
 *   stack.apiOrigin, stack.stripeOrigin, stack.mailOrigin, await stack.mails(), await stack.stop()
 * @module
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_EDITION, demoPriceEnv, EDITIONS } from '@local-memory/catalog';
import { startLocalDynamo } from '../dynamo.js';
import { type ReceivedMail, startMailbox } from '../mailbox.js';
import { type StripeStandin, startStripeStandin } from '../stripeStandin/index.js';
import { startApiProcess } from './apiProcess.js';

/** Test-only Stripe credentials: the stand-in accepts any sk_test_ key. */
export const LOCAL_STRIPE_SECRET_KEY = 'sk_test_LOCALSTANDINONLYnotARealStripeKey000000';
export const LOCAL_WEBHOOK_SECRET = 'whsec_LOCAL-TEST-ONLY-stand-in-signing-secret-0000';
/** The price the stand-in's own sessions sell: the catalogue's demo price of the default edition. */
export const LOCAL_PRICE_ID = EDITIONS[DEFAULT_EDITION].price.demoPriceId;
export const LOCAL_LEDGER_TABLE = 'local-memory-ledger';

/**
 * Where the API's built Node entry is, found as the caller finds `@local-memory/api` (the caller
 * declares that dependency; the testkit does not, so that the API's tests can use the testkit).
 * @param callerUrl - the caller's `import.meta.url`
 * @returns the path of the API's dist/node.js (built or not: startLocalStack says which)
 */
export function localApiEntry(callerUrl: string): string {
  const manifest = createRequire(callerUrl).resolve('@local-memory/api/package.json');
  return join(dirname(manifest), 'dist', 'node.js');
}

/** A mail the stack's SMTP server received. */
export type LocalStackMail = ReceivedMail;

/** Options of {@link startLocalStack}. */
export interface LocalStackOptions {
  /** The API's built Node entry (apps/api/dist/node.js). */
  readonly apiEntry: string;
  readonly siteUrl: string;
  readonly downloadStoreDir: string;
  readonly downloadSecret: string;
  /** The API's port (default 0: a free one). */
  readonly port?: number;
  /** Extra or replaced variables of the API process (e.g. VERIFIED_CACHE_SECONDS for load runs). */
  readonly apiEnv?: Record<string, string>;
}

/** A running stack. */
export interface LocalStack {
  /** The API, e.g. `http://127.0.0.1:41234` (routes under `/api/…`). */
  readonly apiOrigin: string;
  /** The Stripe stand-in: pay pages at `/c/pay/:id`. */
  readonly stripeOrigin: string;
  /** `GET {mailOrigin}/mails` lists the mails received, as JSON. */
  readonly mailOrigin: string;
  /** The ledger's DynamoDB endpoint (dynalite behind the transaction proxy), as the API uses it. */
  readonly ledgerEndpoint: string;
  /** Process id of the API (a child process running `apiEntry`). */
  readonly apiPid: number | undefined;
  /** The stand-in itself, for tests that create sessions or refunds directly. */
  readonly standin: StripeStandin;
  mails(): Promise<LocalStackMail[]>;
  onMail(listener: (mail: LocalStackMail) => void): void;
  stop(): Promise<void>;
}

/** The API's settings on this stack; `apiEnv` adds to or replaces them. */
function apiEnvironment(parts: {
  options: LocalStackOptions;
  stripeOrigin: string;
  smtpUrl: string;
  dynamoEndpoint: string;
  leaseKeyFile: string;
  accountLinkKeyFile: string;
}): Record<string, string | undefined> {
  const { options } = parts;
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(options.port ?? 0),
    // INFO at least: the stack learns the API's port from its "listening" log line.
    LOG_LEVEL: 'INFO',
    STRIPE_SECRET_KEY: LOCAL_STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
    // Every edition's demo price: the stand-in sells whatever price a checkout names.
    ...demoPriceEnv(),
    STRIPE_API_BASE: parts.stripeOrigin,
    DOWNLOAD_SECRET: options.downloadSecret,
    SITE_URL: options.siteUrl,
    SMTP_URL: parts.smtpUrl,
    MAIL_FROM: 'Local Memory (local stack) <orders@localhost.test>',
    SUPPORT_EMAIL: 'support@localhost.test',
    LEDGER_TABLE: LOCAL_LEDGER_TABLE,
    DYNAMODB_ENDPOINT: parts.dynamoEndpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'LOCAL',
    AWS_SECRET_ACCESS_KEY: 'LOCAL',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    DOWNLOAD_STORE_DIR: resolve(options.downloadStoreDir),
    LEASE_SIGNING_KEY_FILE: parts.leaseKeyFile,
    LEASE_KID: 'demo-local-stack',
    ACCOUNT_LINK_SECRET_FILE: parts.accountLinkKeyFile,
    // Every local request comes from 127.0.0.1; e2e suites make many.
    CHECKOUT_RATE_LIMIT: '10000',
    LOOKUP_RATE_LIMIT: '100000',
    RESEND_RATE_LIMIT: '10000',
    ACCOUNT_RATE_LIMIT: '10000',
    ACCOUNT_LINK_ADDRESS_LIMIT: '1000',
    ...options.apiEnv,
  };
}

/**
 * Start the stand-in, dynalite, the SMTP server and the API on loopback.
 * @throws TypeError when an option is missing, Error when `apiEntry` is not built
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { apiEntry, siteUrl, downloadStoreDir, downloadSecret } = options;
  if (!apiEntry || !siteUrl || !downloadStoreDir || !downloadSecret)
    throw new TypeError(
      'startLocalStack needs apiEntry, siteUrl, downloadStoreDir and downloadSecret',
    );
  if (!existsSync(apiEntry))
    throw new Error(
      `${apiEntry} is missing; build the API first: npx turbo run build --filter=@local-memory/api`,
    );
  const stoppers: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const s of stoppers.reverse()) await s().catch(() => undefined);
    stoppers.length = 0;
  };
  try {
    const standin = await startStripeStandin({ priceId: LOCAL_PRICE_ID });
    stoppers.push(() => standin.close());
    const dynamo = await startLocalDynamo();
    stoppers.push(() => dynamo.close());
    await dynamo.createLedgerTable(LOCAL_LEDGER_TABLE);
    const listeners = new Set<(mail: LocalStackMail) => void>();
    const mailbox = await startMailbox({
      onMail: (mail) => {
        for (const listener of listeners) listener(mail);
      },
    });
    stoppers.push(() => mailbox.close());

    const mailServer = createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/mails') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(mailbox.mails()));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((ok) => mailServer.listen(0, '127.0.0.1', ok));
    stoppers.push(() => new Promise((ok) => mailServer.close(ok)));
    const mailOrigin = `http://127.0.0.1:${(mailServer.address() as AddressInfo).port}`;

    // A DEMO-ONLY lease signing key, generated for this run and removed with it: leases it signs
    // verify only against this stack's /.well-known/local-memory/keys.
    const keyDir = mkdtempSync(join(tmpdir(), 'local-memory-demo-lease-key-'));
    stoppers.push(async () => rmSync(keyDir, { recursive: true, force: true }));
    const leaseKeyFile = join(keyDir, 'DEMO-ONLY-lease-signing-key.pem');
    writeFileSync(
      leaseKeyFile,
      generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }),
      { mode: 0o600 },
    );

    // A DEMO-ONLY account sign-in link key, random per run, in a file as production may read it:
    // links it signs work only against this stack.
    const accountLinkKeyFile = join(keyDir, 'DEMO-ONLY-account-link-secret');
    writeFileSync(accountLinkKeyFile, `DEMO-ONLY-${randomBytes(32).toString('base64url')}\n`, {
      mode: 0o600,
    });

    const api = startApiProcess(
      apiEntry,
      apiEnvironment({
        options,
        stripeOrigin: standin.origin,
        smtpUrl: mailbox.url,
        dynamoEndpoint: dynamo.endpoint,
        leaseKeyFile,
        accountLinkKeyFile,
      }),
    );
    stoppers.push(api.stop);
    const apiPort = await api.listening;
    const apiOrigin = `http://127.0.0.1:${apiPort}`;
    standin.setWebhook(`${apiOrigin}/api/stripe/webhook`, LOCAL_WEBHOOK_SECRET);
    return {
      apiOrigin,
      stripeOrigin: standin.origin,
      mailOrigin,
      ledgerEndpoint: dynamo.endpoint,
      apiPid: api.pid,
      standin,
      mails: async () => mailbox.mails(),
      onMail: (listener) => listeners.add(listener),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
