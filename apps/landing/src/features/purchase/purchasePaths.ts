/**
 * Where the API answers purchases (`/{sessionId}`) and resends (`/resend`): same-origin, which the
 * dev and preview servers proxy (vite.config.ts).
 */
export const PURCHASES_PATH = '/api/purchases';

/** The one way the page asks the API for a purchase (early from the entry script, or later). */
export function purchaseRequest(
  sessionId: string,
  options: { readonly fetch?: typeof fetch; readonly signal?: AbortSignal } = {},
): Promise<Response> {
  return (options.fetch ?? fetch)(`${PURCHASES_PATH}/${encodeURIComponent(sessionId)}`, {
    headers: { accept: 'application/json' },
    cache: 'no-store',
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
