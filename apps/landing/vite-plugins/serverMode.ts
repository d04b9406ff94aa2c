/**
 * Server mode in the build: refuse a build that was given a download secret, and proxy `/api` to
 * the API in dev and preview.
 * @module
 */
import type { Plugin, ProxyOptions } from 'vite';
import { serverModeSecretProblem } from '../src/config/fulfilment.ts';

/**
 * @param env - the `VITE_*` variables the bundle will see (Vite's `loadEnv`)
 * @returns a plugin that fails the build when `VITE_FULFILMENT=server` comes with a
 *   `VITE_DOWNLOAD_SECRET` (naming the variable, never its value). Which purchase source the
 *   bundle holds is a build-time constant in src/features/purchase/usePurchase.ts.
 */
export function serverFulfilment(env: Readonly<Record<string, string>>): Plugin {
  return {
    name: 'local-memory-server-fulfilment',
    enforce: 'pre',
    config(_config, { command }) {
      const problem = serverModeSecretProblem(env);
      if (problem !== null && command === 'build')
        throw new Error(`${problem.variable}: ${problem.message}`);
    },
  };
}

/**
 * The dev and preview servers' proxy for `/api/*`, from `API_ORIGIN`, read from the process
 * environment by the Vite config and never bundled (a `VITE_` name would be: Vite writes every
 * `VITE_*` variable into `import.meta.env`, which env.ts reads whole).
 * @param source - the process environment
 * @returns the proxy table, or undefined when no API origin is set
 * @throws {Error} when the origin is not an http(s) URL
 */
export function apiProxy(source: NodeJS.ProcessEnv): Record<string, ProxyOptions> | undefined {
  const origin = source.API_ORIGIN?.trim();
  if (!origin) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(origin);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    throw new Error('API_ORIGIN must be an http(s) origin such as http://127.0.0.1:8787');
  // Keep the site's Host: the API builds its Success page addresses from SITE_URL, not from it,
  // but logs and rate limits see the real site.
  return { '/api': { target: parsed.origin, changeOrigin: false } };
}
