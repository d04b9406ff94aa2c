/**
 * The Content-Security-Policy pieces. Two page policies: the routed site (home, pricing, terms,
 * not-found), which may load Stripe.js once the buyer shows intent to buy, and the Success page
 * (and /account, under the same policy), which holds license keys and download links and allows
 * nothing third-party at all. Both are
 * built from the same directive table so they can only differ where they are meant to.
 * @module
 */

/** A CSP as an ordered list of directives: `[name, ...sources]`. */
export type CspDirectives = ReadonlyArray<readonly [string, ...string[]]>;

/**
 * Stripe's hosts, as Stripe documents them for Stripe.js under a CSP: the script (and its
 * versioned subdomains), the frames it opens, and the API it calls.
 */
export const STRIPE_SOURCES = {
  script: ['https://js.stripe.com', 'https://*.js.stripe.com'],
  frame: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
  connect: ['https://api.stripe.com'],
} as const;

/** Directives every HTML page shares; nothing inline but what the build's hashes allow (headers.ts). */
const SHARED: CspDirectives = [
  ['default-src', "'self'"],
  ['base-uri', "'none'"],
  ['object-src', "'none'"],
  ['form-action', "'self'"],
  ['frame-ancestors', "'none'"],
  ['img-src', "'self'", 'data:'],
  ['font-src', "'self'"],
  ['style-src', "'self'"],
  ['manifest-src', "'self'"],
];

/** The routed site: Stripe.js, its frames and its API on top of the shared directives. */
export const SITE_CSP_DIRECTIVES: CspDirectives = [
  ...SHARED,
  ['script-src', "'self'", ...STRIPE_SOURCES.script],
  ['connect-src', "'self'", ...STRIPE_SOURCES.connect],
  ['frame-src', ...STRIPE_SOURCES.frame],
];

/** The Success page and /account: first-party only, no frames. */
export const SUCCESS_CSP_DIRECTIVES: CspDirectives = [
  ...SHARED,
  ['script-src', "'self'"],
  ['connect-src', "'self'"],
  ['frame-src', "'none'"],
];

/** JSON and file responses: nothing may run or embed them. */
export const NON_HTML_CSP_DIRECTIVES: CspDirectives = [
  ['default-src', "'none'"],
  ['frame-ancestors', "'none'"],
];

/**
 * Serialise directives to a header value.
 * @param directives - ordered `[name, ...sources]` entries
 * @returns the header value, e.g. `default-src 'self'; frame-ancestors 'none'`
 * @throws {RangeError} if a directive name repeats (browsers ignore the second one silently)
 * @example
 * serializeCsp([['default-src', "'none'"]]); // "default-src 'none'"
 */
export function serializeCsp(directives: CspDirectives): string {
  const seen = new Set<string>();
  return directives
    .map(([name, ...sources]) => {
      if (seen.has(name)) throw new RangeError(`directives: "${name}" appears twice`);
      seen.add(name);
      return [name, ...sources].join(' ');
    })
    .join('; ');
}

/** The routed site's CSP header value. */
export const SITE_CSP: string = serializeCsp(SITE_CSP_DIRECTIVES);
/** The Success page's CSP header value. */
export const SUCCESS_CSP: string = serializeCsp(SUCCESS_CSP_DIRECTIVES);
/** The CSP header value for JSON, downloads and other non-HTML responses. */
export const NON_HTML_CSP: string = serializeCsp(NON_HTML_CSP_DIRECTIVES);
