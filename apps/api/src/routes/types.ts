import type { Context } from 'hono';
import type { Log } from '../log.js';

/** What every route finds on the context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** A logger carrying this request's id. */
    log: Log;
    /** The client's address as the entry point reports it, for rate limits. */
    clientIp: string;
  };
}

/** How an entry point tells the app who is calling and which id the platform gave the request. */
export interface EntryHooks {
  readonly clientIp?: (c: Context) => string | undefined;
  readonly requestId?: (c: Context) => string | undefined;
  /**
   * Finish `work` after the response is sent (long-lived servers). Without it the work is awaited
   * before answering (Lambda freezes after the response).
   */
  readonly afterResponse?: (work: Promise<void>) => void;
}
