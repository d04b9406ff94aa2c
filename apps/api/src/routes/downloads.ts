/**
 * `GET /api/downloads/:sessionId/:platform`: the purchase is checked again (the short verified
 * cache may answer; an unpaid one never is cached), then 302 to a presigned S3 GET or the file.
 * @module
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { sessionRef } from '../fulfilment/errors.js';
import type { Services } from '../services.js';
import { lookupGate } from './lookupGate.js';
import { downloadParams } from './params.js';
import type { AppEnv } from './types.js';

/** The downloads resource. */
export function downloadsRoutes(services: Services) {
  return new Hono<AppEnv>().get(
    '/:sessionId/:platform',
    validator('param', downloadParams),
    async (c) => {
      const { sessionId, platform } = c.req.valid('param');
      await services.fulfilment.verify(sessionId, lookupGate(services, c.var.clientIp));
      const target = await services.downloads.locate(platform, services.now() / 1000);
      c.var.log.info('download handed out', { session: sessionRef(sessionId), platform });
      if (target.kind === 'redirect') return c.redirect(target.url, 302);
      const stream = Readable.toWeb(createReadStream(target.path)) as ReadableStream<Uint8Array>;
      return c.body(stream, 200, {
        'Content-Type': 'application/zip',
        'Content-Length': String(target.size),
        'Content-Disposition': `attachment; filename="${target.filename}"`,
      });
    },
  );
}
