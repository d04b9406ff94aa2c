/**
 * Work that must not run inside a request: the resend mail (its timing would tell whether an
 * address bought) and the Success page's fulfilment (the page must not wait for SMTP). The entry
 * point decides how a task leaves the request: the Node entry runs it beside the answer in the same
 * process ({@link inProcessDispatch}); the Lambda entry invokes its own function asynchronously
 * (`lambdaDispatch.ts`), because a Lambda is frozen once it has answered.
 * @module
 */
import { isCheckoutSessionId } from '@local-memory/download-keys';
import { maskEmail, sessionRef } from '../fulfilment/errors.js';
import type { Services } from '../services.js';

/** One unit of background work. */
export type Task =
  | {
      readonly kind: 'resend';
      /** The address asked for, normalised (trimmed, lower case). */
      readonly email: string;
      /** The client address that asked, for the per-client mail limit. */
      readonly client: string;
    }
  | { readonly kind: 'fulfil'; readonly sessionId: string }
  | {
      /** Mail an account sign-in link if the address bought. */
      readonly kind: 'account-link';
      /** The address asked for, normalised (trimmed, lower case). */
      readonly email: string;
    };

/** Hands a task to whatever runs it; resolves once it is handed over, not when it is done. */
export type Dispatch = (task: Task) => Promise<void>;

/** The field that marks an asynchronous invocation payload as a task. */
export const TASK_FIELD = 'localMemoryTask';

/** The JSON payload of a task: `{"localMemoryTask":"resend","email":…,"client":…}`. */
export function taskPayload(task: Task): Record<string, string> {
  switch (task.kind) {
    case 'resend':
      return { [TASK_FIELD]: 'resend', email: task.email, client: task.client };
    case 'fulfil':
      return { [TASK_FIELD]: 'fulfil', sessionId: task.sessionId };
    case 'account-link':
      return { [TASK_FIELD]: 'account-link', email: task.email };
  }
}

/** Whether an incoming event is a task payload (rather than an HTTP event). */
export function isTaskPayload(event: unknown): event is Record<string, unknown> {
  return typeof event === 'object' && event !== null && TASK_FIELD in event;
}

/**
 * Read a task payload.
 * @throws {TypeError} when the payload is marked as a task but its fields are wrong
 */
export function parseTask(payload: Record<string, unknown>): Task {
  const kind = payload[TASK_FIELD];
  if (kind === 'resend') {
    const { email, client } = payload;
    if (typeof email === 'string' && email.includes('@') && typeof client === 'string') {
      return { kind, email, client };
    }
  } else if (kind === 'account-link') {
    const { email } = payload;
    if (typeof email === 'string' && email.includes('@')) return { kind, email };
  } else if (kind === 'fulfil') {
    const { sessionId } = payload;
    if (typeof sessionId === 'string' && isCheckoutSessionId(sessionId)) return { kind, sessionId };
  }
  throw new TypeError(
    `${TASK_FIELD}: expected {"${TASK_FIELD}":"resend","email","client"}, {"${TASK_FIELD}":"fulfil","sessionId"} or {"${TASK_FIELD}":"account-link","email"}`,
  );
}

/**
 * Do a task's work. Failures are logged, never thrown: the answer went out long ago, and the
 * webhook (fulfil) or the buyer's next request (resend) is the retry.
 */
export async function runTask(services: Services, task: Task): Promise<void> {
  try {
    if (task.kind === 'resend') {
      await services.fulfilment.resend(
        task.email,
        services.resendMailQuota(task.email, task.client),
      );
    } else if (task.kind === 'account-link') {
      // Dispatched only while the account features are configured.
      await services.account?.sendLink(task.email);
    } else {
      await services.fulfilment.ensureFulfilled(task.sessionId);
    }
  } catch (error) {
    services.log.error('background task failed', {
      task: task.kind,
      ...(task.kind === 'fulfil'
        ? { session: sessionRef(task.sessionId) }
        : { to: maskEmail(task.email) }),
      error: error instanceof Error ? error.name : typeof error,
    });
  }
}

/** Run each task in this process beside the answer (long-lived servers: the Node entry). */
export function inProcessDispatch(services: Services): Dispatch {
  return (task) => {
    void runTask(services, task);
    return Promise.resolve();
  };
}
