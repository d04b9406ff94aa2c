/**
 * The purchase asked of the API (server mode): the key, receipt and downloads once Stripe says the
 * buyer paid; while the payment is processing it asks again. The bundle holds no secret.
 * @module
 */
import { startTransition, useCallback, useEffect, useState } from 'react';
import { fetchPurchase, type Purchase, type PurchaseOutcome } from './purchaseApi';
import { panelLinks } from './purchaseDownloads';
import type { PaidView, PurchaseAnswer, PurchaseSource, PurchaseState } from './purchaseState';

/** Polling while a payment is processing: the server's Retry-After, kept within these bounds. */
export const POLL = {
  /** When the server gives no Retry-After. */
  defaultSeconds: 5,
  minSeconds: 2,
  maxSeconds: 60,
  /** After this long the page stops asking by itself and offers a button instead. */
  giveUpAfterSeconds: 15 * 60,
} as const;

/** The API's purchase as the page shows it. */
export function paidView(purchase: Purchase): PaidView {
  return {
    licenseKey: purchase.licenseKey,
    activationCommand: purchase.activationCommand,
    downloads: { links: panelLinks(purchase) },
    expiresText: 'Each download checks your purchase when you click it.',
    refreshText: "The links on this page don't expire: bookmark it and come back any time.",
    receipt: {
      amount: purchase.amount,
      currency: purchase.currency,
      createdAt: purchase.createdAt,
      email: purchase.email,
    },
    releaseBaseUrl: null,
    clockSkewMs: null,
  };
}

const stateOf = (outcome: PurchaseOutcome): PurchaseState =>
  outcome.kind === 'paid' ? { kind: 'paid', paid: paidView(outcome.purchase) } : outcome;

/**
 * The purchase behind `sessionId`, from the API. While the payment is processing it asks again
 * after the server's Retry-After (bounded), and stops once the answer is final or after
 * {@link POLL.giveUpAfterSeconds}. `retry` asks again at once (the "Retry" and "Check again" buttons).
 * @param sessionId - a well-formed Checkout Session id
 */
function useApiPurchase(sessionId: string): PurchaseAnswer {
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
        startTransition(() => setState(stateOf(outcome)));
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

/** Server mode's source. */
export const apiPurchase: PurchaseSource = {
  fulfilment: 'server',
  usePurchase: useApiPurchase,
};
