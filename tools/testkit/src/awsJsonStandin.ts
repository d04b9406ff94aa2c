/**
 * A stand-in for an AWS service that speaks the JSON protocol (KMS, Secrets Manager): an HTTP
 * server on loopback that the real SDK client talks to, answering each `X-Amz-Target` as the test
 * says and recording every request. The stub sits at the network boundary; the SDK is real.
 * @module
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request: the operation (`TrentService.Sign`, `secretsmanager.GetSecretValue`) and body. */
export interface AwsJsonRequest {
  readonly target: string;
  readonly body: Record<string, unknown>;
}

/** A 200 with `body`, or an AWS error (`__type`, status 400) the SDK throws by that name. */
export type AwsJsonAnswer =
  | { readonly body: unknown }
  | { readonly error: string; readonly message: string };

/** A running stand-in. */
export interface AwsJsonStandin {
  /** `http://127.0.0.1:PORT`, the client's `endpoint`. */
  readonly endpoint: string;
  readonly requests: AwsJsonRequest[];
  close(): Promise<void>;
}

/** Client settings that reach the stand-in: fixed test credentials, one attempt. */
export function standinClientConfig(endpoint: string, region: string) {
  return {
    endpoint,
    region,
    credentials: { accessKeyId: 'TEST', secretAccessKey: 'TEST' },
    maxAttempts: 1,
  };
}

/**
 * Start a stand-in on a free loopback port.
 * @param answer - decides the answer to each request
 */
export async function startAwsJsonStandin(
  answer: (request: AwsJsonRequest) => AwsJsonAnswer,
): Promise<AwsJsonStandin> {
  const requests: AwsJsonRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        target: String(req.headers['x-amz-target'] ?? ''),
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
      };
      requests.push(request);
      const result = answer(request);
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if ('error' in result) {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: result.error, message: result.message }));
      } else {
        res.end(JSON.stringify(result.body));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
