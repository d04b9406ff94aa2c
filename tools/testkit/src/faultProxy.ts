/**
 * TEST ONLY: an HTTP proxy on 127.0.0.1 that forwards every request to `target` unless its rule
 * says otherwise: `hold` (wait for the returned promise, then forward) or `fail` (answer 500 in
 * the shape of an AWS JSON error). Put in front of the Stripe stand-in or dynalite to inject
 * faults at the wire.
 * @module
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the rule sees of a request. */
export interface ProxiedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** What to do with a request. */
export type ProxyVerdict = 'forward' | 'fail' | Promise<'forward' | 'fail'>;

/** A running proxy. */
export interface FaultProxy {
  readonly origin: string;
  /** Where requests go (set it once the target runs). */
  target: string;
  rule: (req: ProxiedRequest) => ProxyVerdict;
  close(): Promise<void>;
}

/** Start a proxy; `target` and `rule` can be set later. */
export async function startFaultProxy(): Promise<FaultProxy> {
  const proxy: FaultProxy = {
    origin: '',
    target: '',
    rule: () => 'forward',
    close: async () => undefined,
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const verdict = await proxy.rule({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: body.toString('utf8'),
    });
    if (verdict === 'fail') {
      res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'InternalServerError', message: 'fault proxy: injected' }));
      return;
    }
    const target = new URL(req.url ?? '/', proxy.target);
    const upstream = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(proxy, {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return proxy;
}
