/**
 * AWS Lambda entry (Function URL or API Gateway): configuration and secrets (`APP_SECRETS_ARN`,
 * `ORIGIN_VERIFY_SECRET_ARN`) are read once per cold start; every invocation reuses the same app.
 * Requests must carry CloudFront's origin secret. Work that must not run inside a request (resend
 * mails, the Success page's fulfilment) is an asynchronous invocation of this same function with a
 * `{"localMemoryTask":…}` payload, which the handler runs instead of an HTTP event.
 * @module
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { Context } from 'hono';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { createApp } from './app.js';
import { mergeAppSecrets } from './config/appSecrets.js';
import { ConfigError, loadConfig } from './config/config.js';
import { secretsManagerOriginCheck } from './config/originSecret.js';
import { createLogger, createServices, type Services } from './services.js';
import { lambdaDispatch } from './tasks/lambdaDispatch.js';
import { isTaskPayload, parseTask, runTask } from './tasks/tasks.js';

type Handler = (event: LambdaEvent, context: LambdaContext) => Promise<unknown>;

let ready: Promise<{ http: Handler; services: Services }> | undefined;

async function start(): Promise<{ http: Handler; services: Services }> {
  const env = await mergeAppSecrets(process.env);
  const problems: string[] = [];
  const secretArn = env.ORIGIN_VERIFY_SECRET_ARN;
  if (!secretArn) {
    problems.push(
      'ORIGIN_VERIFY_SECRET_ARN is not set: the Secrets Manager secret whose value CloudFront sends as x-origin-verify (the stack sets it)',
    );
  }
  const functionName = env.AWS_LAMBDA_FUNCTION_NAME;
  if (!functionName) {
    problems.push(
      'AWS_LAMBDA_FUNCTION_NAME is not set: the Lambda runtime sets it; this entry runs only on Lambda',
    );
  }
  if (!secretArn || !functionName) throw new ConfigError(problems);
  const config = await loadConfig(env);
  const logger = createLogger();
  const originCheck = secretsManagerOriginCheck({
    secretArn,
    region: config.region,
    onRefreshError: (error) =>
      logger.warn('origin secret not refreshed; the previous values stay in use', {
        error: error instanceof Error ? error.name : typeof error,
      }),
  });
  await originCheck.load();
  const services = createServices(config, { logger, originCheck });
  const lambdaEnv = (c: Context) =>
    (c.env ?? {}) as {
      event?: {
        requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
      };
      lambdaContext?: { awsRequestId?: string };
    };
  const app = createApp(services, {
    // The connection's source; the app prefers CloudFront-Viewer-Address only when the request
    // carried the origin secret. Headers a caller sets (X-Forwarded-For) are never used.
    clientIp: (c) => {
      const rc = lambdaEnv(c).event?.requestContext;
      return rc?.http?.sourceIp ?? rc?.identity?.sourceIp;
    },
    requestId: (c) => lambdaEnv(c).lambdaContext?.awsRequestId,
    // Queuing an event takes milliseconds; a hung Invoke API must not hold the answer long.
    dispatch: lambdaDispatch(
      new LambdaClient({
        region: config.region,
        maxAttempts: 2,
        requestHandler: { connectionTimeout: 1000, requestTimeout: 3000 },
      }),
      functionName,
    ),
  });
  return { http: handle(app) as Handler, services };
}

/** The Lambda handler: HTTP events through the app, task payloads to their work. */
export const handler: Handler = async (event, context) => {
  ready ??= start().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  const { http, services } = await ready;
  if (isTaskPayload(event)) {
    await runTask(services, parseTask(event));
    return { done: true };
  }
  return http(event, context);
};
