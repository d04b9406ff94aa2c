import { isCheckoutSessionId, isPlatform, type Platform } from '@local-memory/download-keys';
import { FulfilmentError, invalidSessionId } from '../fulfilment/errors.js';

/** Validator for `:sessionId`. */
export function sessionIdParam(params: Record<string, string>): { sessionId: string } {
  const sessionId = params.sessionId;
  if (!isCheckoutSessionId(sessionId)) throw invalidSessionId();
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
