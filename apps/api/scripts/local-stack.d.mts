import type { StripeStandin } from '../src/stripe-standin/standin.js';

export interface LocalStackMail {
  readonly to: string;
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface LocalStack {
  /** The API, e.g. `http://127.0.0.1:41234` (routes under `/api/…`). */
  readonly apiOrigin: string;
  /** The Stripe stand-in: pay pages at `/c/pay/:id`. */
  readonly stripeOrigin: string;
  /** `GET {mailOrigin}/mails` lists the mails received, as JSON. */
  readonly mailOrigin: string;
  /** Process id of the API (a child process running dist/node.js). */
  readonly apiPid: number;
  /** The stand-in itself, for tests that create sessions or refunds directly. */
  readonly standin: StripeStandin;
  mails(): Promise<LocalStackMail[]>;
  onMail(listener: (mail: LocalStackMail) => void): void;
  stop(): Promise<void>;
}

export const LOCAL_STRIPE_SECRET_KEY: string;
export const LOCAL_WEBHOOK_SECRET: string;
export const LOCAL_PRICE_ID: string;
export const LOCAL_LEDGER_TABLE: string;

export function startLocalStack(options: {
  siteUrl: string;
  downloadStoreDir: string;
  downloadSecret: string;
  port?: number;
  /** Extra or replaced variables for the API process. */
  apiEnv?: Record<string, string>;
}): Promise<LocalStack>;
