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
    const nowMs = services.now();
    c.header('Date', new Date(nowMs).toUTCString());
    return c.json({ unixSeconds: nowMs / 1000 } satisfies TimeBody);
  });
}
