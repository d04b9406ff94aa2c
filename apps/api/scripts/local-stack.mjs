#!/usr/bin/env node
// The local stack as a command (the stack itself is @local-memory/testkit/local-stack): with
// SITE_URL, DOWNLOAD_STORE_DIR and DOWNLOAD_SECRET or DOWNLOAD_SECRET_FILE in the environment
// (PORT optional) it starts the Stripe stand-in, dynalite, the SMTP server and this API (built
// dist/node.js), prints {"apiOrigin","stripeOrigin","mailOrigin"} as one JSON line, then one
// {"mail":{…}} line per mail received, and runs until SIGTERM or SIGINT.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfiguredSecret } from '@local-memory/download-keys/node';
import { localApiEntry, startLocalStack } from '@local-memory/testkit/local-stack';

try {
  const downloadSecret = await readConfiguredSecret(process.env);
  const stack = await startLocalStack({
    apiEntry: localApiEntry(import.meta.url),
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
} catch (error) {
  console.error(`local-stack: ${error.message}`);
  process.exit(1);
}
