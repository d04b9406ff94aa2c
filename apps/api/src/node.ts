/**
 * Node entry: `node dist/node.js` checks everything it can (the configuration, `PORT` and `HOST`,
 * the ledger table), then listens and logs the address. Exits 1 with a message naming every
 * wrong variable, and no stack trace, when it cannot start.
 * `node dist/node.js backfill-licenses [--dry-run] [--json]` runs the license backfill instead
 * (licensing/backfillCli.ts), so that the API builds only its three entries: app, node, lambda.
 * @module
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config/config.js';
import { type ListenConfig, listenFailure, readListenConfig } from './config/listen.js';
import { checkLedgerTable } from './ledger/tableCheck.js';
import { createLogger, createServices } from './services.js';

async function configuration(): Promise<{ config: Config; at: ListenConfig }> {
  const problems: string[] = [];
  const at = readListenConfig(process.env, problems);
  let config: Config | undefined;
  try {
    config = await loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || config === undefined || at === undefined) {
    throw new ConfigError(problems);
  }
  return { config, at };
}

async function start(): Promise<void> {
  const { config, at } = await configuration();
  const logger = createLogger(config.logLevel);
  const services = createServices(config, { logger });
  try {
    await checkLedgerTable(services.ledger);
  } catch (error) {
    services.close();
    throw error;
  }
  const app = createApp(services, {
    clientIp: (c) => getConnInfo(c).remote.address,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, port: at.port, hostname: at.host }, (info) => {
      listening.off('error', refuse);
      logger.info('listening', { port: info.port, url: `http://${info.address}:${info.port}` });
      resolve(listening);
    });
    const refuse = (error: unknown) => {
      services.close();
      reject(listenFailure(error, at));
    };
    listening.once('error', refuse);
  });
  const stop = () =>
    server.close(() => {
      services.close();
      process.exit(0);
    });
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

const USAGE =
  'usage: node dist/node.js (serve the API) | node dist/node.js backfill-licenses [--dry-run] [--json]';

const [command, ...args] = process.argv.slice(2);
if (command === 'backfill-licenses') {
  const { main } = await import('./licensing/backfillCli.js');
  process.exitCode = await main(args, {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
} else if (command !== undefined) {
  console.error(`unknown command "${command}"\n${USAGE}`);
  process.exitCode = 2;
} else {
  try {
    await start();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  }
}
