// The API's local stack, for `npm start` and the e2e journey: the Stripe stand-in, dynalite (the
// ledger), a real SMTP server that keeps the mails, and the API itself (built dist/node.js), all on
// 127.0.0.1 with free ports. Every secret here is a TEST-ONLY string; nothing reaches Stripe.
//
//   import { startLocalStack } from '.../apps/api/scripts/local-stack.mjs';
//   const stack = await startLocalStack({ siteUrl, downloadStoreDir, downloadSecret, port });
//   stack.apiOrigin, stack.stripeOrigin, stack.mailOrigin, await stack.mails(), await stack.stop()
//
// Run as a script (`node apps/api/scripts/local-stack.mjs`, with SITE_URL, DOWNLOAD_STORE_DIR and
// DOWNLOAD_SECRET or DOWNLOAD_SECRET_FILE in the environment, PORT optional) it prints
// {"apiOrigin","stripeOrigin","mailOrigin"} as one JSON line, then one {"mail":{…}} line per mail
// received, and runs until SIGTERM or SIGINT.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_EDITION, demoPriceEnv, EDITIONS } from '@local-memory/catalog';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(appDir, 'dist');

/** Test-only Stripe credentials: the stand-in accepts any sk_test_ key. */
export const LOCAL_STRIPE_SECRET_KEY = 'sk_test_LOCALSTANDINONLYnotARealStripeKey000000';
export const LOCAL_WEBHOOK_SECRET = 'whsec_LOCAL-TEST-ONLY-stand-in-signing-secret-0000';
/** The price the stand-in's own sessions sell: the catalogue's demo price of the default edition. */
export const LOCAL_PRICE_ID = EDITIONS[DEFAULT_EDITION].price.demoPriceId;

export const LOCAL_LEDGER_TABLE = 'local-memory-ledger';

async function load(name) {
  const file = join(dist, `${name}.js`);
  if (!existsSync(file))
    throw new Error(
      `${file} is missing; build the API first: npx turbo run build --filter=@local-memory/api`,
    );
  return import(pathToFileURL(file).href);
}

function startApi(env) {
  const child = spawn(process.execPath, [join(dist, 'node.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = [];
  const remember = (line) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    if (process.env.LOCAL_STACK_LOG === 'true') process.stderr.write(`api: ${line}\n`);
  };
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  const listening = new Promise((resolveListen, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        remember(line);
        try {
          const record = JSON.parse(line);
          if (record.message === 'listening') resolveListen(record.port);
        } catch {
          // not a log record
        }
        newline = buffered.indexOf('\n');
      }
    });
    let errors = '';
    child.stderr.on('data', (chunk) => {
      errors += chunk;
      remember(String(chunk).trimEnd());
    });
    child.once('exit', (code) =>
      reject(
        new Error(`the API exited with ${code} before listening:\n${errors || tail.join('\n')}`),
      ),
    );
    setTimeout(
      () => reject(new Error(`the API did not log "listening" within 30 s:\n${tail.join('\n')}`)),
      30_000,
    ).unref();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return { listening, stop, pid: child.pid };
}

/**
 * Start the stand-in, dynalite, the SMTP server and the API on loopback.
 * @param {{ siteUrl: string, downloadStoreDir: string, downloadSecret: string, port?: number, apiEnv?: Record<string, string> }} options
 *   `apiEnv` adds or replaces variables of the API process (e.g. VERIFIED_CACHE_SECONDS for load runs).
 */
export async function startLocalStack({ siteUrl, downloadStoreDir, downloadSecret, port, apiEnv }) {
  if (!siteUrl || !downloadStoreDir || !downloadSecret)
    throw new TypeError('startLocalStack needs siteUrl, downloadStoreDir and downloadSecret');
  const [{ startStripeStandin }, { startLocalDynamo }, { startMailbox }] = await Promise.all([
    load('standin'),
    load('testing-dynamo'),
    load('testing-mailbox'),
  ]);
  const stoppers = [];
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
    const listeners = new Set();
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
    await new Promise((ok) => mailServer.listen(0, '127.0.0.1', ok));
    stoppers.push(() => new Promise((ok) => mailServer.close(ok)));
    const mailOrigin = `http://127.0.0.1:${mailServer.address().port}`;

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

    const api = startApi({
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port ?? 0),
      // INFO at least: the stack learns the API's port from its "listening" log line.
      LOG_LEVEL: 'INFO',
      STRIPE_SECRET_KEY: LOCAL_STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
      // Every edition's demo price: the stand-in sells whatever price a checkout names.
      ...demoPriceEnv(),
      STRIPE_API_BASE: standin.origin,
      DOWNLOAD_SECRET: downloadSecret,
      SITE_URL: siteUrl,
      SMTP_URL: mailbox.url,
      MAIL_FROM: 'Local Memory (local stack) <orders@localhost.test>',
      SUPPORT_EMAIL: 'support@localhost.test',
      LEDGER_TABLE: LOCAL_LEDGER_TABLE,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'LOCAL',
      AWS_SECRET_ACCESS_KEY: 'LOCAL',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      DOWNLOAD_STORE_DIR: resolve(downloadStoreDir),
      LEASE_SIGNING_KEY_FILE: leaseKeyFile,
      LEASE_KID: 'demo-local-stack',
      ACCOUNT_LINK_SECRET_FILE: accountLinkKeyFile,
      // Every local request comes from 127.0.0.1; e2e suites make many.
      CHECKOUT_RATE_LIMIT: '10000',
      LOOKUP_RATE_LIMIT: '100000',
      RESEND_RATE_LIMIT: '10000',
      ACCOUNT_RATE_LIMIT: '10000',
      ACCOUNT_LINK_ADDRESS_LIMIT: '1000',
      ...apiEnv,
    });
    stoppers.push(api.stop);
    const apiPort = await api.listening;
    const apiOrigin = `http://127.0.0.1:${apiPort}`;
    standin.setWebhook(`${apiOrigin}/api/stripe/webhook`, LOCAL_WEBHOOK_SECRET);
    return {
      apiOrigin,
      stripeOrigin: standin.origin,
      mailOrigin,
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

async function main() {
  const { readConfiguredSecret } = await import('@local-memory/download-keys/node');
  const downloadSecret = await readConfiguredSecret(process.env);
  const stack = await startLocalStack({
    siteUrl: process.env.SITE_URL ?? 'http://127.0.0.1:5173',
    downloadStoreDir: process.env.DOWNLOAD_STORE_DIR ?? join(tmpdir(), 'local-memory-downloads'),
    downloadSecret,
    port: process.env.PORT ? Number(process.env.PORT) : undefined,
  });
  const { apiOrigin, stripeOrigin, mailOrigin } = stack;
  process.stdout.write(`${JSON.stringify({ apiOrigin, stripeOrigin, mailOrigin })}\n`);
  stack.onMail((mail) => process.stdout.write(`${JSON.stringify({ mail })}\n`));
  const shutdown = () => stack.stop().then(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`local-stack: ${error.message}`);
    process.exit(1);
  });
}
