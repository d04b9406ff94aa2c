/**
 * Structured JSON logs (Powertools logger). Each request runs with its id in async-local storage,
 * so code that knows nothing of HTTP (fulfilment) still logs with the id of the request it serves.
 * (One shared logger and an extra key per line: a child logger per request costs more than the
 * request.) Never log secrets, keys, full emails or session ids.
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';

type LogExtra = Record<string, unknown>[];

/** The logging calls the API makes. */
export type Log = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

const current = new AsyncLocalStorage<{ readonly requestId: string }>();

/** The structured JSON logger: service name, level from `LOG_LEVEL` (default INFO). */
export function createLogger(level = process.env.LOG_LEVEL): Logger {
  return new Logger({
    serviceName: 'local-memory-api',
    logLevel: (level?.toUpperCase() || 'INFO') as 'INFO',
  });
}

/** Run `fn` with `requestId` added to every line logged through {@link scopedLog} meanwhile. */
export function withRequestLog<T>(requestId: string, fn: () => T): T {
  return current.run({ requestId }, fn);
}

/** A {@link Log} over `base` that adds the current request's id, when there is one. */
export function scopedLog(base: Logger): Log {
  const keys = (): LogExtra => {
    const store = current.getStore();
    return store ? [{ requestId: store.requestId }] : [];
  };
  return {
    debug: (message: string, ...extra: LogExtra) => base.debug(message, ...keys(), ...extra),
    info: (message: string, ...extra: LogExtra) => base.info(message, ...keys(), ...extra),
    warn: (message: string, ...extra: LogExtra) => base.warn(message, ...keys(), ...extra),
    error: (message: string, ...extra: LogExtra) => base.error(message, ...keys(), ...extra),
  } as Log;
}
