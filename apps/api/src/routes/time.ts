/**
 * `GET /api/time`: the server's clock for the Success page (`?nonce=` defeats caches). Same answer
 * as the CloudFront Function and the preview server give in browser mode.
 * @module
 */
import type { TimeBody } from '@local-memory/contract';
import { Hono } from 'hono';
import type { Services } from '../services.js';
import type { AppEnv } from './types.js';

/** The time resource. */
export function timeRoutes(services: Services) {
  return new Hono<AppEnv>().get('/', (c) => {
    const unixMs = services.now();
    c.header('Date', new Date(unixMs).toUTCString());
    return c.json({ unixMs } satisfies TimeBody);
  });
}
