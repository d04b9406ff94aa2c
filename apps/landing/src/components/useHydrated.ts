import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;

/**
 * False while the server prerenders a page and while the browser hydrates that HTML, true on
 * every render after. What differs between the two (the visitor's locale, the address's query
 * string, the device) is rendered only once this is true, so hydration matches the HTML exactly.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
