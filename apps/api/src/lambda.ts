/**
 * AWS Lambda entry (Function URL or API Gateway): configuration and secrets (`APP_SECRETS_ARN`)
 * are read once per cold start, and the ledger table checked (a problem is logged as
 * `ledger table check failed`); every invocation reuses the same app.
 * @module
 */
import type { Context } from 'hono';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { createApp } from './app.js';
import { mergeAppSecrets } from './config/appSecrets.js';
import { ConfigError, loadConfig } from './config/config.js';
import { checkLedgerTable } from './ledger/tableCheck.js';
import { createLogger, createServices } from './services.js';

type Handler = (event: LambdaEvent, context: LambdaContext) => Promise<unknown>;

let ready: Promise<Handler> | undefined;

async function start(): Promise<Handler> {
  const config = await loadConfig(await mergeAppSecrets(process.env));
  const logger = createLogger(config.logLevel);
  const services = createServices(config, { logger });
  // Found at cold start rather than when the first buyer arrives; the function still answers
  // what it can (the time, checkout), so the problem is logged, not thrown.
  await checkLedgerTable(services.ledger).catch((error: unknown) => {
    logger.error('ledger table check failed', {
      code: error instanceof ConfigError ? error.code : 'UNKNOWN',
      problems: error instanceof ConfigError ? error.problems : [String(error)],
    });
  });
  const lambdaEnv = (c: Context) =>
    (c.env ?? {}) as {
      event?: {
        requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
      };
      lambdaContext?: { awsRequestId?: string };
    };
  const app = createApp(services, {
    // Behind CloudFront the connection comes from an edge server, so prefer the viewer address
    // CloudFront forwards (CloudFront-Viewer-Address, in the origin request policy), then the
    // first X-Forwarded-For hop, then the connection. Used for rate limits only.
    clientIp: (c) => {
      const viewer = c.req.header('cloudfront-viewer-address');
      if (viewer) return viewer.slice(0, viewer.lastIndexOf(':'));
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
      const rc = lambdaEnv(c).event?.requestContext;
      return rc?.http?.sourceIp ?? rc?.identity?.sourceIp;
    },
    requestId: (c) => lambdaEnv(c).lambdaContext?.awsRequestId,
  });
  return handle(app) as Handler;
}

/** The Lambda handler. */
export const handler: Handler = async (event, context) => {
  ready ??= start().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return (await ready)(event, context);
};
