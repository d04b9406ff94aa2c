/**
 * Where the Node entry listens (`PORT`, `HOST`), checked with the rest of the configuration, and
 * the failures of `listen` itself (a busy port, a host that is not this machine) told as
 * configuration problems rather than crashes.
 * @module
 */
import { ConfigError, type Env } from './config.js';

/** The validated listening address. */
export interface ListenConfig {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host: string;
}

/**
 * Read `PORT` (default 8787) and `HOST` (default 127.0.0.1).
 * @param env - usually `process.env`
 * @param problems - receives one line per wrong variable
 * @returns the address, or undefined when a variable is wrong
 */
export function readListenConfig(env: Env, problems: string[]): ListenConfig | undefined {
  const portText = (env.PORT ?? '').trim() || '8787';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  const host = (env.HOST ?? '').trim() || '127.0.0.1';
  if (!(port >= 0 && port <= 65535)) {
    problems.push(
      `PORT must be a whole number from 0 to 65535, got "${portText.slice(0, 40)}" (0 picks a free port)`,
    );
    return undefined;
  }
  return { port, host };
}

/**
 * Turn an error of `server.listen` into a named configuration problem.
 * @param error - what the server emitted
 * @param at - where it tried to listen
 * @returns a {@link ConfigError} keeping the error as its cause
 */
export function listenFailure(error: unknown, at: ListenConfig): ConfigError {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? 'unknown error';
  const problem =
    code === 'EADDRINUSE'
      ? `PORT: ${at.port} is already in use on ${at.host}; stop the other server or choose another PORT`
      : code === 'EACCES'
        ? `PORT: listening on ${at.port} needs privileges this process lacks; choose a PORT above 1023`
        : code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL' || code === 'EAI_AGAIN'
          ? `HOST: "${at.host}" is not an address of this machine (${code}); use 127.0.0.1, 0.0.0.0 or one of its addresses`
          : `HOST/PORT: cannot listen on ${at.host}:${at.port} (${code})`;
  return new ConfigError([problem], { cause: error });
}
