import { isCheckoutSessionId, isPlatform, type Platform } from '@local-memory/download-keys';
import { FulfilmentError } from '../fulfilment/errors.js';

const invalidSession = () =>
  new FulfilmentError(
    'invalid_session_id',
    'This is not a Stripe Checkout session id (cs_test_… or cs_live_…); use the link from your receipt or email',
  );

/** Validator for `:sessionId`. */
export function sessionIdParam(params: Record<string, string>): { sessionId: string } {
  const sessionId = params.sessionId;
  if (!isCheckoutSessionId(sessionId)) throw invalidSession();
  return { sessionId };
}

/** Validator for `:sessionId/:platform`. */
export function downloadParams(params: Record<string, string>): {
  sessionId: string;
  platform: Platform;
} {
  const { sessionId } = sessionIdParam(params);
  const platform = params.platform;
  if (!isPlatform(platform)) {
    throw new FulfilmentError(
      'invalid_platform',
      'Unknown platform; use macos, windows, linux or universal',
    );
  }
  return { sessionId, platform };
}
