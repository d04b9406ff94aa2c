/**
 * Structured JSON logs (Powertools logger). Each request runs with its own child logger (carrying
 * the request id) in async-local storage, so code that knows nothing of HTTP (fulfilment) still
 * logs with the id of the request it serves. Never log secrets, keys, full emails or session ids.
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';

type LogExtra = Record<string, unknown>[];

/** The logging calls the API makes. */
export type Log = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

const current = new AsyncLocalStorage<Logger>();

/** The structured JSON logger: service name, level from `LOG_LEVEL` (default INFO). */
export function createLogger(level = process.env.LOG_LEVEL): Logger {
  return new Logger({
    serviceName: 'local-memory-api',
    logLevel: (level?.toUpperCase() || 'INFO') as 'INFO',
  });
}

/**
 * Run `fn` with a child of `base` that adds `requestId` to every line logged through
 * {@link scopedLog} meanwhile.
 */
export function withRequestLog<T>(base: Logger, requestId: string, fn: () => T): T {
  return current.run(base.createChild({ persistentKeys: { requestId } }), fn);
}

/** A {@link Log} that writes through the current request's logger, else through `base`. */
export function scopedLog(base: Logger): Log {
  const pick = () => current.getStore() ?? base;
  return {
    debug: (message: string, ...extra: LogExtra) => pick().debug(message, ...extra),
    info: (message: string, ...extra: LogExtra) => pick().info(message, ...extra),
    warn: (message: string, ...extra: LogExtra) => pick().warn(message, ...extra),
    error: (message: string, ...extra: LogExtra) => pick().error(message, ...extra),
  } as Log;
}
