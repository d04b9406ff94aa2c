import { startTransition, useEffect, useState } from 'react';

/**
 * False while the server prerenders a page and while the browser hydrates that HTML; true from a
 * render React schedules as a transition once hydration has committed. Unlike useHydrated (a
 * synchronous re-render straight after hydration, in the same task), the transition's render
 * yields to the browser every few milliseconds, so a large subtree that only the browser can
 * render (the Success page, which depends on the address) never becomes one long task.
 */
export function useAfterHydration(): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    startTransition(() => setAfter(true));
  }, []);
  return after;
}
