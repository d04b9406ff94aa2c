/**
 * The API as one Hono app: resources grouped with `app.route()`, validators at each route's edge,
 * one `onError`. Platform adapters live only in `node.ts` and `lambda.ts`.
 * @module
 */
import { Hono } from 'hono';
import { withRequestLog } from './log.js';
import { requestId } from './requestId.js';
import { checkoutRoutes } from './routes/checkout.js';
import { downloadsRoutes } from './routes/downloads.js';
import { errorResponse, onError } from './routes/errors.js';
import { purchasesRoutes } from './routes/purchases.js';
import { timeRoutes } from './routes/time.js';
import type { AppEnv, EntryHooks } from './routes/types.js';
import { webhookRoutes } from './routes/webhook.js';
import type { Services } from './services.js';

export { mergeAppSecrets } from './config/appSecrets.js';
export type { Config } from './config/config.js';
export { ConfigError, loadConfig } from './config/config.js';
export type { AppEnv, EntryHooks } from './routes/types.js';
export { createServices, type ServiceOptions, type Services } from './services.js';

/**
 * Build the app over the given services.
 * @param services - see {@link createServices}
 * @param hooks - how the entry point reports the client address and the platform's request id
 * @returns the Hono app; `app.fetch` answers a web `Request`
 */
export function createApp(services: Services, hooks: EntryHooks = {}) {
  const app = new Hono<AppEnv>();
  app.use(requestId(hooks.requestId), (c, next) =>
    withRequestLog(c.var.requestId, async () => {
      c.set('log', services.log);
      c.set('clientIp', hooks.clientIp?.(c) ?? 'unknown');
      await next();
      c.header('Cache-Control', 'no-store');
    }),
  );
  app.route('/api/purchases', purchasesRoutes(services, hooks));
  app.route('/api/downloads', downloadsRoutes(services));
  app.route('/api/checkout', checkoutRoutes(services));
  app.route('/api/stripe/webhook', webhookRoutes(services));
  app.route('/api/time', timeRoutes(services));
  app.notFound((c) => errorResponse(c, 404, 'not_found', 'No such endpoint'));
  app.onError(onError);
  return app;
}

/** The app's type, for typed clients. */
export type App = ReturnType<typeof createApp>;
