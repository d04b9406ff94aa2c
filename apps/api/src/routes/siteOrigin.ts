/**
 * Requests that only the storefront may make (checkout): the browser's `Origin` header must be
 * the origin of `SITE_URL`. A hostile page's cross-site form or `text/plain` POST carries its own
 * origin, and a request without the header is no browser on the site, so both are refused.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { RequestError } from '../errors.js';
import type { AppEnv } from './types.js';

/**
 * Middleware that answers 403 `cross_site_request` unless `Origin` is the site's origin.
 * @param siteUrl - the configured `SITE_URL`
 */
export function requireSiteOrigin(siteUrl: string): MiddlewareHandler<AppEnv> {
  const site = new URL(siteUrl).origin;
  return async (c, next) => {
    if (c.req.header('origin') !== site) {
      c.var.log.info('cross-site request refused', { path: c.req.path });
      throw new RequestError(
        'cross_site_request',
        `Checkout can only be started from ${site}; open the pricing page there`,
      );
    }
    await next();
  };
}
