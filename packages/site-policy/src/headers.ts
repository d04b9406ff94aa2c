/**
 * Response headers by path, the one source of truth for CloudFront's response-headers policies
 * (infra) and the local preview/dev server (the landing's Vite plugin). Paths fall into the same
 * classes as CloudFront's cache behaviours, so the local server answers exactly what the CDN does.
 * @module
 */
import {
  type CspDirectives,
  NON_HTML_CSP,
  SITE_CSP_DIRECTIVES,
  SUCCESS_CSP_DIRECTIVES,
  serializeCsp,
} from './csp';

/** Where purchases are fulfilled: by the page itself (`browser`) or by the API (`server`). */
export type FulfilmentMode = 'browser' | 'server';

/** The fulfilment modes, for validation. */
export const FULFILMENT_MODES: readonly FulfilmentMode[] = ['browser', 'server'];

/** Options of {@link headersFor}. */
export interface HeaderOptions {
  readonly mode: FulfilmentMode;
  /**
   * CSP hashes (`sha256-…`, base64) of the inline `<style>` blocks the prerendered pages carry:
   * the build writes them (apps/landing/vite-plugins/prerender.ts), so style-src allows exactly
   * that critical CSS and nothing else inline.
   */
  readonly styleHashes?: readonly string[];
  /**
   * CSP hashes (`sha256-…`, base64) of the inline bootstrap `<script>` the prerendered pages
   * carry (prerender.ts): script-src allows exactly that script and nothing else inline.
   */
  readonly scriptHashes?: readonly string[];
}

const SHA256_SOURCE = /^sha256-[A-Za-z0-9+/]{43}=$/;

function checkHashes(option: 'styleHashes' | 'scriptHashes', hashes: readonly string[]): void {
  for (const hash of hashes) {
    if (!SHA256_SOURCE.test(hash))
      throw new RangeError(`options.${option}: expected sha256-<base64>, got ${String(hash)}`);
  }
}

/** style-src and script-src with the build's inline-style and inline-script hashes added. */
function withInlineHashes(directives: CspDirectives, options: HeaderOptions): string {
  const styleHashes = options.styleHashes ?? [];
  const scriptHashes = options.scriptHashes ?? [];
  checkHashes('styleHashes', styleHashes);
  checkHashes('scriptHashes', scriptHashes);
  const added: Record<string, readonly string[]> = {
    'style-src': styleHashes,
    'script-src': scriptHashes,
  };
  return serializeCsp(
    directives.map(([name, ...sources]) => [
      name,
      ...sources,
      ...(added[name] ?? []).map((h) => `'${h}'`),
    ]),
  );
}

/**
 * A class of paths with one header set; each is one CloudFront cache behaviour (`site` is the
 * default behaviour).
 */
export type PathClass = 'assets' | 'api' | 'downloads' | 'success' | 'account' | 'site';

/** Every path class, in CloudFront precedence order (the default behaviour last). */
export const PATH_CLASSES: readonly PathClass[] = [
  'assets',
  'api',
  'downloads',
  'success',
  'account',
  'site',
];

/**
 * CloudFront path patterns of each non-default class. `/success` and `/account` (with or without
 * the trailing slash) are exact patterns: each page is one document, and anything below it is the
 * not-found page.
 */
export const BEHAVIOUR_PATTERNS: Readonly<Record<Exclude<PathClass, 'site'>, readonly string[]>> = {
  assets: ['/assets/*'],
  api: ['/api/*'],
  downloads: ['/downloads/*'],
  success: ['/success', '/success/'],
  account: ['/account', '/account/'],
};

/** The never-cached time source the Success page checks the device clock against. */
export const TIME_PATH = '/api/time';

/** HSTS: two years, subdomains, and eligible for the browsers' preload list. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;
export const HSTS = `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains; preload`;

/** Powerful features nobody on the site uses are off; the Copy button may write the clipboard. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
  'clipboard-read=()',
  'clipboard-write=(self)',
].join(', ');

/** Cache-Control by class: hashed assets forever, HTML revalidated, API never stored. */
export const CACHE_CONTROL: Readonly<Record<PathClass, string>> = {
  assets: 'public, max-age=31536000, immutable',
  api: 'no-store',
  // A download link is only valid for its window; the browser may keep the file a short while.
  downloads: 'private, max-age=3600',
  success: 'no-cache',
  account: 'no-cache',
  site: 'no-cache',
};

/**
 * The class a path belongs to, matching CloudFront's path patterns (case-sensitive, no query).
 * @param pathname - the URL path, starting with `/` (a query string is ignored)
 * @returns the path's class
 * @throws {TypeError} if `pathname` is not a string starting with `/`
 * @example
 * classifyPath('/assets/index-3f2a.js'); // 'assets'
 */
export function classifyPath(pathname: string): PathClass {
  if (typeof pathname !== 'string' || !pathname.startsWith('/')) {
    throw new TypeError(`pathname: expected a path starting with "/", got ${String(pathname)}`);
  }
  const path = pathname.split('?')[0] ?? pathname;
  for (const cls of PATH_CLASSES) {
    if (cls === 'site') continue;
    for (const pattern of BEHAVIOUR_PATTERNS[cls]) {
      const matches = pattern.endsWith('*')
        ? path.startsWith(pattern.slice(0, -1))
        : path === pattern;
      if (matches) return cls;
    }
  }
  return 'site';
}

function assertMode(options: HeaderOptions): void {
  const mode = (options as { mode?: unknown } | undefined)?.mode;
  if (!FULFILMENT_MODES.includes(mode as FulfilmentMode)) {
    throw new RangeError(
      `options.mode: expected one of ${FULFILMENT_MODES.join(', ')}, got ${String(mode)}`,
    );
  }
}

/**
 * The response headers of one path class.
 * @param cls - the class, see {@link PATH_CLASSES}
 * @param options - `{ mode }`: the deployment's fulfilment mode
 * @returns header name → value (canonical case)
 * @throws {RangeError} for an unknown class or mode
 * @example
 * headersForClass('api', { mode: 'server' })['Cache-Control']; // 'no-store'
 */
export function headersForClass(cls: PathClass, options: HeaderOptions): Record<string, string> {
  assertMode(options);
  if (!PATH_CLASSES.includes(cls)) {
    throw new RangeError(`cls: expected one of ${PATH_CLASSES.join(', ')}, got ${String(cls)}`);
  }
  // The pages that hold a buyer's keys and links: first-party only, no Referer, never indexed.
  const firstPartyOnly = cls === 'success' || cls === 'account';
  const html = cls === 'site' || firstPartyOnly;
  const headers: Record<string, string> = {
    'Content-Security-Policy': !html
      ? NON_HTML_CSP
      : withInlineHashes(firstPartyOnly ? SUCCESS_CSP_DIRECTIVES : SITE_CSP_DIRECTIVES, options),
    'Strict-Transport-Security': HSTS,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // The Success page's address holds the Checkout Session id, /account's the sign-in link (in
    // its fragment, which browsers never send, but its page holds keys): neither leaves in a Referer.
    'Referrer-Policy': firstPartyOnly ? 'no-referrer' : 'strict-origin-when-cross-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cache-Control': CACHE_CONTROL[cls],
  };
  if (firstPartyOnly || cls === 'api' || cls === 'downloads') {
    headers['X-Robots-Tag'] = 'noindex, nofollow';
  }
  return headers;
}

/**
 * The response headers for a path, as CloudFront sends them in production.
 * @param pathname - the URL path (a query string is ignored)
 * @param options - `{ mode }`: the deployment's fulfilment mode
 * @returns header name → value (canonical case)
 * @throws {TypeError} if `pathname` does not start with `/`
 * @throws {RangeError} for an unknown mode
 * @example
 * headersFor('/success', { mode: 'browser' })['Referrer-Policy']; // 'no-referrer'
 */
export function headersFor(pathname: string, options: HeaderOptions): Record<string, string> {
  return headersForClass(classifyPath(pathname), options);
}
