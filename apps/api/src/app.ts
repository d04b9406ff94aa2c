/**
 * The API as one Hono app: resources grouped with `app.route()`, validators at each route's edge,
 * one `onError`. Platform adapters live only in `node.ts` and `lambda.ts`.
 * @module
 */
import { Hono } from 'hono';
import { ORIGIN_VERIFY_HEADER } from './config/originSecret.js';
import { RequestError } from './errors.js';
import { withRequestLog } from './log.js';
import { requestId } from './requestId.js';
import { accountRoutes } from './routes/account.js';
import { checkoutRoutes } from './routes/checkout.js';
import { downloadsRoutes } from './routes/downloads.js';
import { onError } from './routes/errors.js';
import { licensesRoutes, wellKnownRoutes } from './routes/licenses.js';
import { purchasesRoutes } from './routes/purchases.js';
import { timeRoutes } from './routes/time.js';
import type { AppEnv, EntryHooks } from './routes/types.js';
import { webhookRoutes } from './routes/webhook.js';
import type { Services } from './services.js';
import { inProcessDispatch } from './tasks/tasks.js';

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
  const dispatch = hooks.dispatch ?? inProcessDispatch(services);
  app.use(requestId(hooks.requestId), (c, next) =>
    withRequestLog(c.var.requestId, async () => {
      c.set('log', services.log);
      let viewer: string | undefined;
      if (services.originCheck) {
        if (!(await services.originCheck.verify(c.req.header(ORIGIN_VERIFY_HEADER)))) {
          c.var.log.warn('request without the origin secret refused');
          throw new RequestError(
            'origin_not_verified',
            "This API answers only through the storefront's own address, not directly",
          );
        }
        // Only a request CloudFront vouched for may say who the viewer is.
        viewer = viewerAddress(c.req.header('cloudfront-viewer-address'));
      }
      c.set('clientIp', viewer ?? hooks.clientIp?.(c) ?? 'unknown');
      // Before the route answers, so that its response is built with it: a header set on a
      // finished response makes Hono copy the response (and the Node adapter's light response
      // becomes a full one). Public documents (the keyset, the revocation list) replace it.
      c.header('Cache-Control', 'no-store');
      await next();
    }),
  );
  app.route('/api/purchases', purchasesRoutes(services, dispatch));
  app.route('/api/account', accountRoutes(services, dispatch));
  app.route('/api/downloads', downloadsRoutes(services));
  app.route('/api/checkout', checkoutRoutes(services));
  app.route('/api/stripe/webhook', webhookRoutes(services));
  app.route('/api/time', timeRoutes(services));
  app.route('/api/licenses', licensesRoutes(services, services.licensing));
  app.route('/.well-known/local-memory', wellKnownRoutes(services, services.licensing));
  app.notFound(() => {
    throw new RequestError('not_found', 'No such endpoint');
  });
  app.onError(onError);
  return app;
}

/** `198.51.100.7:46532` or `2001:db8::1:46532` → the address without the port. */
function viewerAddress(header: string | undefined): string | undefined {
  const at = header?.lastIndexOf(':') ?? -1;
  return header !== undefined && at > 0 ? header.slice(0, at) : undefined;
}

/** The app's type, for typed clients. */
export type App = ReturnType<typeof createApp>;
