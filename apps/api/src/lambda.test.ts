import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateLicenseKey } from '@local-memory/download-keys';
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

interface LambdaResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

describe('the Lambda entry', () => {
  let h: Harness;
  let secrets: Server;
  let secretReads = 0;
  const saved = { ...process.env };
  let handler: typeof import('./lambda.js').handler;

  beforeAll(async () => {
    h = await startHarness();
    // Secrets come from Secrets Manager (a loopback stand-in for its JSON API), the rest from env.
    secrets = createServer((req, res) => {
      secretReads++;
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(
          JSON.stringify({
            ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app',
            Name: 'app',
            SecretString: JSON.stringify({
              STRIPE_SECRET_KEY: h.env.STRIPE_SECRET_KEY,
              STRIPE_WEBHOOK_SECRET: h.env.STRIPE_WEBHOOK_SECRET,
              DOWNLOAD_SECRET: h.env.DOWNLOAD_SECRET,
              SMTP_URL: h.env.SMTP_URL,
            }),
          }),
        );
      });
    });
    await new Promise<void>((resolve) => secrets.listen(0, '127.0.0.1', resolve));
    const env: Record<string, string | undefined> = { ...h.env };
    for (const name of [
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
      'DOWNLOAD_SECRET',
      'SMTP_URL',
    ])
      delete env[name];
    Object.assign(process.env, env, {
      APP_SECRETS_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(secrets.address() as AddressInfo).port}`,
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
    await new Promise<void>((resolve) => secrets.close(() => resolve()));
    await h.close();
  });

  it('answers a recorded Function URL event, reading the secrets once per cold start', async () => {
    const session = h.standin.createSession({ email: 'lambda@example.com' });
    const event = JSON.parse(recorded.replaceAll('{{SESSION_ID}}', session.id));
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
      const base = JSON.parse(recorded.replaceAll('{{SESSION_ID}}', 'cs_test_unused'));
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
    const base = JSON.parse(recorded.replaceAll('{{SESSION_ID}}', session.id));
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
});
