import { startTransition, useCallback, useEffect, useState } from 'react';
import { fetchPurchase, type PurchaseOutcome } from './purchaseApi';

/** Polling while a payment is processing: the server's Retry-After, kept within these bounds. */
export const POLL = {
  /** When the server gives no Retry-After. */
  defaultSeconds: 5,
  minSeconds: 2,
  maxSeconds: 60,
  /** After this long the page stops asking by itself and offers a button instead. */
  giveUpAfterSeconds: 15 * 60,
} as const;

export type PurchaseState =
  | { readonly kind: 'loading' }
  | PurchaseOutcome
  /** Still processing after {@link POLL.giveUpAfterSeconds}: the page waits for the customer. */
  | { readonly kind: 'still-pending' };

/**
 * The purchase behind `sessionId`, from the API. While the payment is processing it asks again
 * after the server's Retry-After (bounded), and stops once the answer is final or after
 * {@link POLL.giveUpAfterSeconds}. `retry` asks again at once (the "Retry" and "Check again" buttons).
 * @param sessionId - a well-formed Checkout Session id
 */
export function usePurchase(sessionId: string): {
  readonly state: PurchaseState;
  readonly retry: () => void;
} {
  const [state, setState] = useState<PurchaseState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // `attempt` restarts the whole exchange (a retry).
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the retry trigger
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const startedAt = Date.now();

    const ask = async () => {
      let outcome: PurchaseOutcome;
      try {
        outcome = await fetchPurchase(sessionId, { signal: controller.signal });
      } catch {
        return; // aborted: the page moved on
      }
      if (controller.signal.aborted) return;
      if (outcome.kind !== 'pending') {
        // The paid page is the largest render: a transition splits it into short tasks.
        startTransition(() => setState(outcome));
        return;
      }
      const waitSeconds = Math.min(
        POLL.maxSeconds,
        Math.max(POLL.minSeconds, outcome.retryAfterSeconds ?? POLL.defaultSeconds),
      );
      if ((Date.now() - startedAt) / 1000 + waitSeconds > POLL.giveUpAfterSeconds) {
        setState({ kind: 'still-pending' });
        return;
      }
      setState(outcome);
      timer = setTimeout(ask, waitSeconds * 1000);
    };

    setState((current) => (current.kind === 'pending' ? current : { kind: 'loading' }));
    void ask();
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [sessionId, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
