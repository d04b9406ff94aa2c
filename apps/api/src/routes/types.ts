import type { Context } from 'hono';
import type { Log } from '../log.js';
import type { Dispatch } from '../tasks/tasks.js';

/** What every route finds on the context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** A logger carrying this request's id. */
    log: Log;
    /**
     * The client's address, for rate limits: CloudFront's `CloudFront-Viewer-Address` when the
     * origin check passed, else the address the entry point reports (socket or source IP).
     */
    clientIp: string;
  };
}

/** How an entry point tells the app who is calling and which id the platform gave the request. */
export interface EntryHooks {
  /** The address the connection comes from (socket, or the platform's source IP); never a header. */
  readonly clientIp?: (c: Context) => string | undefined;
  readonly requestId?: (c: Context) => string | undefined;
  /**
   * How work leaves the request (resend mails, the Success page's fulfilment). Default: run it
   * in this process beside the answer; the Lambda entry invokes itself asynchronously.
   */
  readonly dispatch?: Dispatch;
}
