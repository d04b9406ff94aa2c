/**
 * Fulfilment mode, shared by the site's configuration (env.ts) and the build (vite.config.ts),
 * so a build can refuse what the page would only report. No `import.meta.env` here: the Vite
 * config imports this file in Node.
 * @module
 */

/** One wrong or missing variable. Messages never contain the variable's value if it is a secret. */
export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/**
 * Who hands out keys and downloads: `browser` derives them on the page from a secret in the
 * bundle (anyone who reads the bundle can mint them); `server` asks the API, which asks Stripe
 * whether the buyer paid.
 */
export type Fulfilment = 'browser' | 'server';

/** The variable that selects {@link Fulfilment}. */
export const FULFILMENT_VARIABLE = 'VITE_FULFILMENT';

function text(env: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = env[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The problem with a server-mode build that was also given a download secret, or null.
 * @param env - `import.meta.env`, or the variables Vite's `loadEnv` read for a build
 * @returns the problem naming `VITE_DOWNLOAD_SECRET` (never its value), or null
 */
export function serverModeSecretProblem(
  env: Readonly<Record<string, unknown>>,
): ConfigProblem | null {
  if (text(env, FULFILMENT_VARIABLE) !== 'server') return null;
  if (text(env, 'VITE_DOWNLOAD_SECRET') === undefined) return null;
  return {
    variable: 'VITE_DOWNLOAD_SECRET',
    message:
      'VITE_DOWNLOAD_SECRET must not be set when VITE_FULFILMENT=server: the build would ship the secret to every visitor. Remove it from the build environment and give it to the API as DOWNLOAD_SECRET.',
  };
}
