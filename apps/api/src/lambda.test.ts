import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateLicenseKey } from '@local-memory/download-keys';
import { type AwsJsonStandin, startAwsJsonStandin } from '@local-memory/testkit/aws-json-standin';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type Harness,
  startHarness,
  TEST_DOWNLOAD_SECRET,
  TEST_WEBHOOK_SECRET,
} from './testing/harness.js';

// A Function URL (payload 2.0) event as Lambda delivers it, recorded with the session id blanked.
const recorded = readFileSync(
  new URL('./testing/fixtures/function-url-get.json', import.meta.url),
  'utf8',
);

const context = {
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  functionName: 'local-memory-api',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:local-memory-api',
  memoryLimitInMB: '512',
  logGroupName: '/aws/lambda/local-memory-api',
  logStreamName: '2026/11/25/[$LATEST]abcdef',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

const APP_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app';
const ORIGIN_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:origin';
const ORIGIN_CURRENT = 'test-only-origin-secret-current-0123456789';
const ORIGIN_PREVIOUS = 'test-only-origin-secret-previous-012345678';

/** An event as CloudFront forwards it: the origin secret and the viewer's address added. */
function throughCloudFront<T extends object>(event: T, viewer = '198.51.100.44:51234'): T {
  const headers = (event as { headers?: Record<string, string> }).headers;
  return {
    ...event,
    headers: { ...headers, 'x-origin-verify': ORIGIN_CURRENT, 'cloudfront-viewer-address': viewer },
  };
}

interface LambdaResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

describe('the Lambda entry', () => {
  let h: Harness;
  let secrets: AwsJsonStandin;
  let secretReads = 0;
  let invokeApi: Server;
  /** Asynchronous invocations received by the Lambda Invoke API stand-in. */
  const invocations: { functionName: string; type: string; payload: Record<string, unknown> }[] =
    [];
  const saved = { ...process.env };
  let handler: typeof import('./lambda.js').handler;

  beforeAll(async () => {
    h = await startHarness();
    // Secrets come from Secrets Manager (a loopback stand-in for its JSON API), the rest from env.
    secrets = await startAwsJsonStandin(({ body: { SecretId, VersionStage } }) => {
      if (SecretId === ORIGIN_SECRET_ARN) {
        const value = VersionStage === 'AWSPREVIOUS' ? ORIGIN_PREVIOUS : ORIGIN_CURRENT;
        return { body: { ARN: SecretId, Name: 'origin', SecretString: value } };
      }
      secretReads++;
      return {
        body: {
          ARN: APP_SECRET_ARN,
          Name: 'app',
          SecretString: JSON.stringify({
            STRIPE_SECRET_KEY: h.env.STRIPE_SECRET_KEY,
            STRIPE_WEBHOOK_SECRET: h.env.STRIPE_WEBHOOK_SECRET,
            DOWNLOAD_SECRET: h.env.DOWNLOAD_SECRET,
            SMTP_URL: h.env.SMTP_URL,
          }),
        },
      };
    });
    // Lambda's Invoke API (POST /2015-03-31/functions/{name}/invocations), as a loopback stand-in.
    invokeApi = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const name = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url ?? '')?.[1];
        invocations.push({
          functionName: decodeURIComponent(name ?? ''),
          type: String(req.headers['x-amz-invocation-type']),
          payload: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
        });
        res.writeHead(202, { 'x-amzn-requestid': 'invoke-standin' });
        res.end();
      });
    });
    await new Promise<void>((resolve) => invokeApi.listen(0, '127.0.0.1', resolve));
    const env: Record<string, string | undefined> = { ...h.env };
    for (const name of [
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
      'DOWNLOAD_SECRET',
      'SMTP_URL',
    ])
      delete env[name];
    Object.assign(process.env, env, {
      APP_SECRETS_ARN: APP_SECRET_ARN,
      ORIGIN_VERIFY_SECRET_ARN: ORIGIN_SECRET_ARN,
      AWS_LAMBDA_FUNCTION_NAME: 'local-memory-api',
      RESEND_RATE_LIMIT: '1000',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${(invokeApi.address() as AddressInfo).port}`,
      AWS_ACCESS_KEY_ID: 'TEST',
      AWS_SECRET_ACCESS_KEY: 'TEST',
      LOG_LEVEL: 'SILENT',
    });
    for (const name of [
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
      'DOWNLOAD_SECRET',
      'SMTP_URL',
    ])
      delete process.env[name];
    ({ handler } = await import('./lambda.js'));
  });
  afterAll(async () => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    await secrets.close();
    await new Promise<void>((resolve) => invokeApi.close(() => resolve()));
    await h.close();
  });

  it('answers a recorded Function URL event, reading the secrets once per cold start', async () => {
    const session = h.standin.createSession({ email: 'lambda@example.com' });
    const event = throughCloudFront(JSON.parse(recorded.replaceAll('{{SESSION_ID}}', session.id)));
    const first = (await handler(event, context as never)) as LambdaResult;
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.headers['x-request-id']).toBe(context.awsRequestId);
    const body = JSON.parse(first.body) as { licenseKey: string };
    expect(body.licenseKey).toBe(generateLicenseKey(session.id, TEST_DOWNLOAD_SECRET));
    const second = (await handler(event, {
      ...context,
      awsRequestId: 'second',
    } as never)) as LambdaResult;
    expect(second.statusCode).toBe(200);
    expect(secretReads).toBe(1);
  });

  it('logs a named error at cold start when the ledger table is missing, and still answers', async () => {
    const saved = { LEDGER_TABLE: process.env.LEDGER_TABLE, LOG_LEVEL: process.env.LOG_LEVEL };
    Object.assign(process.env, { LEDGER_TABLE: 'no-such-ledger-table', LOG_LEVEL: 'ERROR' });
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      vi.resetModules();
      const fresh = (await import('./lambda.js')).handler;
      const base = throughCloudFront(
        JSON.parse(recorded.replaceAll('{{SESSION_ID}}', 'cs_test_unused')),
      );
      const event = {
        ...base,
        rawPath: '/api/time',
        requestContext: {
          ...base.requestContext,
          http: { ...base.requestContext.http, path: '/api/time' },
        },
      };
      const result = (await fresh(event, context as never)) as LambdaResult;
      expect(result.statusCode).toBe(200);
    } finally {
      out.mockRestore();
      err.mockRestore();
      Object.assign(process.env, saved);
    }
    const records = written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toContainEqual(
      expect.objectContaining({
        message: 'ledger table check failed',
        code: 'INVALID_CONFIG',
        problems: [expect.stringMatching(/^LEDGER_TABLE: the table "no-such-ledger-table"/)],
      }),
    );
  });

  it('checks the webhook signature over the exact bytes of a base64-encoded body', async () => {
    const session = h.standin.createSession({ email: 'lambda-hook@example.com' });
    const { payload } = h.standin.event(
      'checkout.session.completed',
      h.standin.sessionObject(session.id),
    );
    const signature = h.stripe.webhooks.generateTestHeaderString({
      payload,
      secret: TEST_WEBHOOK_SECRET,
    });
    const base = throughCloudFront(JSON.parse(recorded.replaceAll('{{SESSION_ID}}', session.id)));
    const event = {
      ...base,
      rawPath: '/api/stripe/webhook',
      headers: {
        ...base.headers,
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': signature,
      },
      requestContext: {
        ...base.requestContext,
        http: { ...base.requestContext.http, method: 'POST', path: '/api/stripe/webhook' },
      },
      body: Buffer.from(payload).toString('base64'),
      isBase64Encoded: true,
    };
    const result = (await handler(event, context as never)) as LambdaResult;
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ outcome: 'emailed' });
    expect(h.mailbox.mails().filter((m) => m.to === 'lambda-hook@example.com')).toHaveLength(1);
    const tampered = {
      ...event,
      body: Buffer.from(payload.replace('lambda', 'LAMBDA')).toString('base64'),
    };
    expect(((await handler(tampered, context as never)) as LambdaResult).statusCode).toBe(400);
  });

  it('refuses an event without the origin secret; accepts the current and the previous value', async () => {
    const base = JSON.parse(
      recorded
        .replace('/api/purchases/{{SESSION_ID}}', '/api/time')
        .replace('/api/purchases/{{SESSION_ID}}', '/api/time'),
    );
    const direct = (await handler(base, context as never)) as LambdaResult;
    expect(direct.statusCode).toBe(403);
    expect(JSON.parse(direct.body)).toMatchObject({ error: { code: 'origin_not_verified' } });
    for (const secret of [ORIGIN_CURRENT, ORIGIN_PREVIOUS]) {
      const event = { ...base, headers: { ...base.headers, 'x-origin-verify': secret } };
      expect(((await handler(event, context as never)) as LambdaResult).statusCode).toBe(200);
    }
  });

  it('resend: the same work for a buyer and a stranger before the answer; the mail goes by an async invocation', async () => {
    const buyer = 'lambda-buyer@example.com';
    h.standin.createSession({ email: buyer });
    const base = JSON.parse(recorded.replaceAll('{{SESSION_ID}}', 'x'));
    const resendEvent = (email: string, i: number) =>
      throughCloudFront(
        {
          ...base,
          rawPath: '/api/purchases/resend',
          headers: { ...base.headers, 'content-type': 'application/json' },
          requestContext: {
            ...base.requestContext,
            http: { ...base.requestContext.http, method: 'POST', path: '/api/purchases/resend' },
          },
          body: JSON.stringify({ email }),
        },
        `198.51.100.${i % 200}:4${i}`,
      );
    const stripeBefore = h.standin.requestCount();
    const invokedBefore = invocations.length;
    h.standin.fault.delayMs = 100;
    try {
      for (let i = 0; i < 5; i++) {
        for (const email of [buyer, `lambda-stranger-${i}@example.com`]) {
          const result = (await handler(resendEvent(email, i), context as never)) as LambdaResult;
          expect(result.statusCode).toBe(202);
          expect(JSON.parse(result.body)).toEqual({ status: 'accepted' });
        }
      }
    } finally {
      h.standin.fault.delayMs = 0;
    }
    // Neither answer asked Stripe (which answers in 100 ms here); each handed exactly one task to
    // Lambda. So both answers cost the same work: the rate limit and one invocation. (Their
    // times are not compared here: a timing in a test turns red on a loaded machine.)
    expect(h.standin.requestCount() - stripeBefore).toBe(0);
    const sent = invocations.slice(invokedBefore);
    expect(sent).toHaveLength(10);
    expect(sent.every((i) => i.functionName === 'local-memory-api' && i.type === 'Event')).toBe(
      true,
    );
    // Lambda then runs the queued tasks: the buyer gets the key (within the address's daily cap),
    // strangers get nothing.
    const mailsBefore = h.mailbox.mails().length;
    for (const task of sent) {
      expect(await handler(task.payload as never, context as never)).toEqual({ done: true });
    }
    const mails = h.mailbox.mails().slice(mailsBefore);
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.length).toBeLessThanOrEqual(3);
    expect(new Set(mails.map((m) => m.to))).toEqual(new Set([buyer]));
  });
});
