/**
 * Node entry: `node dist/node.js` listens on `PORT` (default 8787; 0 picks a free port) and logs
 * the address it listens on. Exits 1, naming every wrong variable, when the configuration is bad.
 * @module
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { createLogger, createServices } from './services.js';

const logger = createLogger();
try {
  const services = createServices(await loadConfig(process.env), { logger });
  const app = createApp(services, {
    clientIp: (c) => getConnInfo(c).remote.address,
  });
  const server = serve(
    {
      fetch: app.fetch,
      port: Number(process.env.PORT ?? 8787),
      hostname: process.env.HOST ?? '127.0.0.1',
    },
    (info) =>
      logger.info('listening', { port: info.port, url: `http://${info.address}:${info.port}` }),
  );
  const stop = () =>
    server.close(() => {
      services.close();
      process.exit(0);
    });
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
