/**
 * TEST ONLY: a TCP server that accepts connections and never answers, the fault of an upstream
 * (DynamoDB, Stripe) that hangs. It records when each connection opened and closed.
 * @module
 */
import { createServer, type Socket } from 'node:net';

/** One accepted connection. */
export interface HeldConnection {
  /** `performance.now()` when it was accepted. */
  readonly openedAt: number;
  /** `performance.now()` when the client closed it, or undefined while it is open. */
  closedAt: number | undefined;
}

/** A running hanging server. */
export interface HangingServer {
  /** `http://127.0.0.1:{port}`. */
  readonly origin: string;
  readonly port: number;
  /** Every connection accepted so far, in order. */
  readonly connections: readonly HeldConnection[];
  /** Resolves once every accepted connection has been closed by its client. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

/** Start a server on a free loopback port that reads and never writes. */
export async function startHangingServer(): Promise<HangingServer> {
  const connections: HeldConnection[] = [];
  const sockets = new Set<Socket>();
  let waiters: Array<() => void> = [];
  const settle = () => {
    if (connections.every((c) => c.closedAt !== undefined)) {
      for (const wake of waiters) wake();
      waiters = [];
    }
  };
  const server = createServer((socket) => {
    const held: HeldConnection = { openedAt: performance.now(), closedAt: undefined };
    connections.push(held);
    sockets.add(socket);
    socket.resume();
    socket.on('error', () => undefined);
    socket.once('close', () => {
      held.closedAt = performance.now();
      sockets.delete(socket);
      settle();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    port: address.port,
    connections,
    allClosed: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      }),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
